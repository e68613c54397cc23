import "server-only";
import { and, desc, eq, gte, like, lte, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { auditEvents } from "@/db/schema";
import type { AuditFilters } from "@/lib/validators/audit";

function conditions(organizationId: string, filters: Omit<AuditFilters, "limit">): SQL[] {
  const where: (SQL | undefined)[] = [eq(auditEvents.organizationId, organizationId)];
  if (filters.actor) where.push(eq(auditEvents.actorId, filters.actor));
  // "api_key" matches every api_key.* action; "api_key.created" exactly that one.
  if (filters.action) {
    where.push(filters.action.includes(".") ? eq(auditEvents.action, filters.action) : like(auditEvents.action, `${filters.action}.%`));
  }
  if (filters.targetType) where.push(eq(auditEvents.targetType, filters.targetType));
  if (filters.from) where.push(gte(auditEvents.createdAt, filters.from));
  if (filters.to) where.push(lte(auditEvents.createdAt, filters.to));
  // The cursor is the last row's id; its (created_at, id) is read in SQL, so no timestamp precision is lost.
  if (filters.cursor) {
    where.push(
      sql`(${auditEvents.createdAt}, ${auditEvents.id}) < (select c.created_at, c.id from audit_events c where c.id = ${filters.cursor} and c.organization_id = ${organizationId})`,
    );
  }
  return where.filter((c): c is SQL => Boolean(c));
}

/**
 * One page of the organisation's audit events, newest first, by keyset pagination on (created_at, id): served by
 * the organisation + time index at any depth, with no OFFSET and no COUNT.
 */
export async function listAuditEvents(db: Executor, organizationId: string, filters: AuditFilters) {
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...conditions(organizationId, filters)))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(filters.limit + 1);
  const events = rows.slice(0, filters.limit);
  const last = events[events.length - 1];
  return { events, nextCursor: rows.length > filters.limit && last ? last.id : null };
}
