import { getDb } from "@/db/client";
import { listAuditEvents } from "@/db/queries/audit";
import { requirePermission } from "@/lib/auth/actor";
import { describeAuditAction } from "@/lib/audit-catalogue";
import { csvLine } from "@/lib/csv";
import { auditFiltersSchema } from "@/lib/validators/audit";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

const HEADER = ["time", "actor_type", "actor_id", "actor", "action", "description", "target_type", "target_id", "target", "ip", "user_agent", "metadata"];
const PAGE = 500;

/**
 * The filtered audit events as CSV, streamed page by page along the same keyset cursor as the console, so an
 * export of a million events never sits in memory.
 */
export async function GET(request: Request) {
  const actor = await requirePermission("audit_log:read");
  if (!actor) return new Response("You must be an Administrator to export the audit log.", { status: 403 });
  const parsed = auditFiltersSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) return new Response("Invalid filters.", { status: 400 });
  const db = await getDb();
  const organizationId = actor.organization.id;
  let cursor: string | undefined = undefined;
  let started = false;

  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const encoder = new TextEncoder();
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLine(HEADER)));
      }
      const page = await listAuditEvents(db, organizationId, { ...parsed.data, cursor, limit: PAGE });
      const chunk = page.events
        .map((e) =>
          csvLine([
            e.createdAt.toISOString(),
            e.actorType,
            e.actorId,
            e.actorLabel,
            e.action,
            describeAuditAction(e),
            e.targetType,
            e.targetId,
            e.targetLabel,
            e.ip,
            e.userAgent,
            JSON.stringify(e.metadata),
          ]),
        )
        .join("");
      if (chunk) controller.enqueue(encoder.encode(chunk));
      if (!page.nextCursor) controller.close();
      cursor = page.nextCursor ?? undefined;
    },
  });
  const date = new Date().toISOString().slice(0, 10);
  return new Response(stream, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="keyward-audit-log-${actor.organization.slug}-${date}.csv"`,
      "Cache-Control": "no-store",
    },
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
