import { z } from "zod";
import { getDb } from "@/db/client";
import { listAuditEventsPage } from "@/db/queries/audit-page";
import { json } from "@/lib/api/problem";
import { validationProblem } from "@/lib/api/request-body";
import { withPrincipal } from "@/lib/api/route";

export const dynamic = "force-dynamic";

const querySchema = z.object({
  cursor: z.uuid("cursor must be the nextCursor of a previous page.").optional(),
  limit: z.coerce.number().int().min(1, "limit is at least 1.").max(100, "limit is at most 100.").default(50),
});

/** The audit log, newest first, in cursor pages: follow `nextCursor` until it is null. */
export const GET = withPrincipal("audit:read", async (request, principal) => {
  const url = new URL(request.url);
  const query = querySchema.safeParse({
    cursor: url.searchParams.get("cursor") ?? undefined,
    limit: url.searchParams.get("limit") ?? undefined,
  });
  if (!query.success) return validationProblem(query.error);
  const { events, nextCursor } = await listAuditEventsPage(await getDb(), principal.organization.id, query.data);
  return json({
    data: events.map((e) => ({
      id: e.id,
      createdAt: e.createdAt.toISOString(),
      actor: { type: e.actorType, id: e.actorId, label: e.actorLabel },
      action: e.action,
      target: { type: e.targetType, id: e.targetId, label: e.targetLabel },
      metadata: e.metadata,
      ip: e.ip,
    })),
    nextCursor,
  });
});
