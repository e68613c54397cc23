import "server-only";
import { desc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { auditEvents } from "@/db/schema";

/** The organisation's newest audit events (served by the organisation + time index). */
export async function listRecentAuditEvents(db: Executor, organizationId: string, limit = 50) {
  return db
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.organizationId, organizationId))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit);
}
