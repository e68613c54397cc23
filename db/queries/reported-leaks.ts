import "server-only";
import { and, desc, eq, gt, inArray, or, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { auditEvents, personalApiKeys, webhooks } from "@/db/schema";
import { reportedLeakOf } from "@/lib/audit-catalogue";

/** How long a revocation by a leak report stays in the banner: long enough to be seen after a holiday. */
export const LEAK_BANNER_DAYS = 14;

export interface ReportedLeak {
  id: string;
  action: string;
  /** What leaked, as the audit log names it: a code's or key's prefix, a person, a client id, a webhook's URL. */
  targetLabel: string | null;
  url: string | null;
  source: string | null;
  at: Date;
}

const reported = sql`${auditEvents.metadata} ? 'reportedLeak'`;

function toLeak(row: typeof auditEvents.$inferSelect): ReportedLeak {
  const leak = reportedLeakOf(row.metadata);
  return { id: row.id, action: row.action, targetLabel: row.targetLabel, url: leak?.url ?? null, source: leak?.source ?? null, at: row.createdAt };
}

/** The organisation's secrets revoked on a leak report lately, newest first: what its Administrators must act on. */
export async function recentReportedLeaks(db: Executor, organizationId: string, now = new Date()): Promise<ReportedLeak[]> {
  const since = new Date(now.getTime() - LEAK_BANNER_DAYS * 86_400_000);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(eq(auditEvents.organizationId, organizationId), gt(auditEvents.createdAt, since), reported))
    .orderBy(desc(auditEvents.createdAt))
    .limit(20);
  return rows.map(toLeak);
}

/** The person's own personal keys revoked, and own webhooks' signing secrets replaced, on a leak report lately. */
export async function recentReportedLeaksOfPerson(db: Executor, organizationId: string, userId: string, now = new Date()) {
  const keys = db.select({ id: sql<string>`${personalApiKeys.id}::text` }).from(personalApiKeys).where(eq(personalApiKeys.userId, userId));
  const hooks = db.select({ id: sql<string>`${webhooks.id}::text` }).from(webhooks).where(eq(webhooks.userId, userId));
  const since = new Date(now.getTime() - LEAK_BANNER_DAYS * 86_400_000);
  const rows = await db
    .select()
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.organizationId, organizationId),
        gt(auditEvents.createdAt, since),
        or(
          and(eq(auditEvents.targetType, "personal_api_key"), inArray(auditEvents.targetId, keys)),
          and(eq(auditEvents.targetType, "webhook"), inArray(auditEvents.targetId, hooks)),
        ),
        reported,
      ),
    )
    .orderBy(desc(auditEvents.createdAt))
    .limit(5);
  return rows.map(toLeak);
}
