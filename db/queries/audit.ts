import "server-only";
import { and, desc, eq, gte, like, lt, lte, or, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { auditEvents, type AuditEvent } from "@/db/schema";
import type { AuditFilters } from "@/lib/validators/audit";

/** An opaque position in the newest-first order: the last row's time and id. */
export function encodeAuditCursor(event: Pick<AuditEvent, "createdAt" | "id">): string {
  return Buffer.from(`${event.createdAt.toISOString()}|${event.id}`).toString("base64url");
}

function decodeAuditCursor(cursor: string): { at: Date; id: string } | null {
  const [at, id] = Buffer.from(cursor, "base64url").toString("utf8").split("|");
  const date = new Date(at ?? "");
  return id && /^[0-9a-f-]{36}$/.test(id) && !Number.isNaN(date.getTime()) ? { at: date, id } : null;
}

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
  const cursor = filters.cursor ? decodeAuditCursor(filters.cursor) : null;
  if (cursor) {
    where.push(or(lt(auditEvents.createdAt, cursor.at), and(eq(auditEvents.createdAt, cursor.at), lt(auditEvents.id, cursor.id))));
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
  return { events, nextCursor: rows.length > filters.limit && last ? encodeAuditCursor(last) : null };
}
