import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { json } from "@/lib/api/problem";
import { validationProblem } from "@/lib/api/request-body";
import { withPrincipal } from "@/lib/api/route";
import { auditFiltersSchema, type ApiAuditEvent } from "@/lib/validators/audit";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** The audit log with the console's filters, newest first, in cursor pages: follow `nextCursor` until null. */
export const GET = withPrincipal("audit:read", async ({ request, principal }) => {
  const query = auditFiltersSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!query.success) return validationProblem(query.error);
  const { events, nextCursor } = await listAuditEvents(await getDb(), principal.organization.id, query.data);
  const data = events.map(
    (e): ApiAuditEvent => ({
      id: e.id,
      createdAt: e.createdAt.toISOString(),
      actor: { type: e.actorType, id: e.actorId, label: e.actorLabel },
      action: e.action,
      target: { type: e.targetType, id: e.targetId, label: e.targetLabel },
      metadata: e.metadata,
      ip: e.ip,
    }),
  );
  return json({ data, nextCursor });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
