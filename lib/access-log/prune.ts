import { sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { rowsOf } from "@/db/rows";

/** The advisory lock (class 4; 1 and 2 are the sign-in guard's, 3 the expiry job's) that lets one instance prune at a time. */
const LOCK = sql`select pg_try_advisory_xact_lock(4, 0) as locked`;

export interface PruneOutcome {
  /** False when another instance held the lock: this run deleted nothing. */
  ran: boolean;
  deleted: number;
}

/**
 * Deletes raw access-log entries older than each organisation's Keep access logs for, oldest first, `batch` rows per
 * organisation per transaction, so that no transaction holds many row locks or runs long; at most `maxBatches` per
 * run, the rest waits for the next. Each batch takes the transaction-scoped advisory lock: two instances never delete
 * at once, and a batch is all or nothing. The hourly usage counts (access_log_rollups) are not touched.
 */
export async function runPruneJob(db: Db, now: Date = new Date(), options: { batch?: number; maxBatches?: number } = {}): Promise<PruneOutcome> {
  const { batch = 5_000, maxBatches = 20 } = options;
  let deleted = 0;
  for (let i = 0; i < maxBatches; i++) {
    const outcome = await db.transaction(async (tx) => {
      if (!rowsOf<{ locked: boolean }>(await tx.execute(LOCK))[0]?.locked) return null;
      // One statement for every organisation, each reading its own oldest rows through (organization_id, created_at).
      const rows = rowsOf<{ id: string }>(
        await tx.execute(sql`
          delete from access_logs where id in (
            select old.id from organizations o
            cross join lateral (
              select l.id from access_logs l
              where l.organization_id = o.id
                and l.created_at < ${now.toISOString()}::timestamptz - make_interval(days => o.access_log_retention_days)
              order by l.created_at
              limit ${batch}
            ) old
          ) returning id`),
      );
      return rows.length;
    });
    if (outcome === null) return { ran: i > 0, deleted };
    deleted += outcome;
    if (outcome === 0) break;
  }
  return { ran: true, deleted };
}
