import "server-only";
import { and, eq, lt, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { rowsOf } from "@/db/rows";
import { rateLimitCounters } from "@/db/schema";

export interface RateLimit {
  /** e.g. `oauth-token:ip:203.0.113.7` */
  key: string;
  limit: number;
  windowMs: number;
}

function windowStart(windowMs: number, now: Date): Date {
  return new Date(Math.floor(now.getTime() / windowMs) * windowMs);
}

/** Seconds until the current window ends: the Retry-After of a 429. */
export function retryAfterSeconds(windowMs: number, now = new Date()): number {
  return Math.max(1, Math.ceil((windowStart(windowMs, now).getTime() + windowMs - now.getTime()) / 1000));
}

/** Whether `key` has already used up its limit in the current window (counts nothing). */
export async function isRateLimited(db: Executor, { key, limit, windowMs }: RateLimit, now = new Date()) {
  const [row] = await db
    .select({ count: rateLimitCounters.count })
    .from(rateLimitCounters)
    .where(and(eq(rateLimitCounters.key, key), eq(rateLimitCounters.windowStart, windowStart(windowMs, now))));
  return (row?.count ?? 0) >= limit;
}

/** Counts one hit for `key` atomically and answers whether it is still within the limit. */
export async function hitRateLimit(db: Executor, { key, limit, windowMs }: RateLimit, now = new Date()) {
  const start = windowStart(windowMs, now);
  const [row] = await db
    .insert(rateLimitCounters)
    .values({ key, windowStart: start, count: 1 })
    .onConflictDoUpdate({
      target: [rateLimitCounters.key, rateLimitCounters.windowStart],
      set: { count: sql`${rateLimitCounters.count} + 1` },
    })
    .returning({ count: rateLimitCounters.count });
  await sweepSometimes(db, now);
  return { allowed: (row?.count ?? 1) <= limit, count: row?.count ?? 1 };
}

/** Hits counted elsewhere, to add to one window of `key`; `hits` may be 0 to read the window's count alone. */
export interface RateLimitTally {
  key: string;
  windowStart: Date;
  hits: number;
}

/**
 * Adds many tallies in one statement and answers each window's total after it, by `key` and window start. A caller
 * that counts hits in memory pays one round trip for a whole batch instead of one per hit, and reads the windows it
 * only wants to know about (hits 0) in the same trip, without writing a row for them.
 */
export async function addRateLimitTallies(db: Executor, tallies: RateLimitTally[], now = new Date()): Promise<Map<string, number>> {
  const totals = new Map<string, number>();
  if (tallies.length === 0) return totals;
  const values = sql.join(
    tallies.map((t) => sql`(${t.key}::text, ${t.windowStart.toISOString()}::timestamptz, ${t.hits}::integer)`),
    sql`, `,
  );
  // Inside one statement the final select does not see the rows the insert wrote, hence the coalesce: the insert's
  // own answer for the windows it touched, the stored count for the ones only read.
  const rows = rowsOf<{ key: string; window_start: string | Date; count: number }>(
    await db.execute(sql`
      with tally(key, window_start, hits) as (values ${values}),
      added as (
        insert into rate_limit_counters as c (key, window_start, count)
        select key, window_start, hits from tally where hits > 0
        order by key, window_start
        on conflict (key, window_start) do update set count = c.count + excluded.count
        returning c.key, c.window_start, c.count
      )
      select t.key, t.window_start, coalesce(a.count, c.count, 0)::integer as count
      from tally t
      left join added a on a.key = t.key and a.window_start = t.window_start
      left join rate_limit_counters c on c.key = t.key and c.window_start = t.window_start`),
  );
  for (const row of rows) totals.set(tallyId(row.key, new Date(row.window_start)), Number(row.count));
  await sweepSometimes(db, now);
  return totals;
}

/** How `addRateLimitTallies` names a window in its answer. */
export const tallyId = (key: string, windowStart: Date) => `${windowStart.getTime()}:${key}`;

// Roughly one call in fifty sweeps expired windows, which keeps the table small without a scheduler.
async function sweepSometimes(db: Executor, now: Date) {
  if (Math.random() < 0.02) {
    await db.delete(rateLimitCounters).where(lt(rateLimitCounters.windowStart, new Date(now.getTime() - 24 * 3600_000)));
  }
}

/**
 * Claims up to `chunk` units of `key`'s budget for the current window, for a caller that spends them locally.
 * A chunk is taken whole or not at all, by one atomic upsert whose condition keeps the window's total within the
 * limit; when less than a chunk is left, single units are claimed the same way. So however many callers claim at
 * once, the units handed out never exceed the limit. Answers the units granted (0: the window's budget is gone)
 * and the window's total claimed so far.
 */
export async function claimRateLimitBudget(
  db: Executor,
  { key, limit, windowMs }: RateLimit,
  chunk: number,
  now = new Date(),
): Promise<{ granted: number; claimed: number }> {
  const start = windowStart(windowMs, now);
  const claim = async (units: number) => {
    const [row] = await db
      .insert(rateLimitCounters)
      .values({ key, windowStart: start, count: units })
      .onConflictDoUpdate({
        target: [rateLimitCounters.key, rateLimitCounters.windowStart],
        set: { count: sql`${rateLimitCounters.count} + ${units}` },
        setWhere: sql`${rateLimitCounters.count} + ${units} <= ${limit}`,
      })
      .returning({ count: rateLimitCounters.count });
    return row ? { granted: units, claimed: row.count } : null;
  };
  const units = Math.max(1, Math.min(chunk, limit));
  const outcome = (await claim(units)) ?? (units > 1 ? await claim(1) : null);
  await sweepSometimes(db, now);
  return outcome ?? { granted: 0, claimed: limit };
}
