import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { auditEvents } from "@/db/schema";

/**
 * A page of the organisation's audit log, newest first, by keyset on (created_at, id) — no OFFSET. The cursor is
 * the id of the previous page's last event; its timestamp is read in the database, so no precision is lost.
 */
export async function listAuditEventsPage(db: Executor, organizationId: string, options: { cursor?: string; limit: number }) {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organizationId, organizationId),
        options.cursor
          ? sql`(${auditEvents.createdAt}, ${auditEvents.id}) < (select c.created_at, c.id from audit_events c where c.id = ${options.cursor} and c.organization_id = ${organizationId})`
          : undefined,
      ),
    )
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(options.limit + 1);
  const page = rows.slice(0, options.limit);
  return { events: page, nextCursor: rows.length > options.limit ? page[page.length - 1]!.id : null };
}
