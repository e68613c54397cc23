import "server-only";
import { and, desc, eq, gte, inArray, isNotNull, lt, lte, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { accessLogRollups, personalApiKeys } from "@/db/schema";
import { USAGE_RANGES, type ChartClass, type UsageRange } from "@/lib/validators/usage";
import type { UsageResponse } from "@/lib/validators/usage-api";

/** Whose requests a chart counts; every scope is within one organisation. */
export type UsageScope =
  | { kind: "organization" }
  | { kind: "api_key"; apiKeyId: string }
  /** One person's keys, or every personal key without `userId`. */
  | { kind: "personal_key"; userId?: string }
  | { kind: "company_credentials" };

export interface UsageFilters {
  /** Status class as the Access Logs filter names it (`2xx`, `3xx`, `4xx`, `5xx`). */
  status?: string;
  /** The Access Logs' time presets ("Last hour"): this many milliseconds before now. */
  lastMs?: number;
  /** Rollups are hourly: these and `lastMs` are widened to whole hours. */
  from?: Date;
  to?: Date;
}

export interface UsageBucket {
  /** The hour or UTC day the bar stands for. */
  start: Date;
  counts: Record<ChartClass, number>;
}

export interface Usage {
  range: UsageRange;
  buckets: UsageBucket[];
  totals: Record<ChartClass, number> & { all: number };
}

const HOUR_MS = 3_600_000;
const chartClassOf = (statusClass: number): ChartClass => (statusClass >= 5 ? "5xx" : statusClass === 4 ? "4xx" : "2xx");
const zero = (): Record<ChartClass, number> => ({ "2xx": 0, "4xx": 0, "5xx": 0 });

function scopeCondition(organizationId: string, scope: UsageScope): SQL | undefined {
  switch (scope.kind) {
    case "organization":
      return undefined;
    case "api_key":
      return eq(accessLogRollups.apiKeyId, scope.apiKeyId);
    case "personal_key":
      // Every key the person has had: a regenerated key's requests still belong to them.
      return and(
        eq(accessLogRollups.credentialKind, "personal_key"),
        scope.userId === undefined ? undefined : inArray(
          accessLogRollups.credentialId,
          sql`(select ${personalApiKeys.id}::text from ${personalApiKeys} where ${personalApiKeys.organizationId} = ${organizationId} and ${personalApiKeys.userId} = ${scope.userId})`,
        ),
      );
    case "company_credentials":
      // A token whose row was gone when its requests were counted kept its own kind (lib/access-log/rollup.ts).
      return inArray(accessLogRollups.credentialKind, ["company_credentials", "oauth_token"]);
  }
}

/** The first bucket of the range ending with the bucket that holds `now`: 24 whole hours, or 30 UTC days. */
export function rangeStart(range: UsageRange, now: Date): Date {
  const { buckets, bucketMs } = USAGE_RANGES[range];
  return new Date((Math.floor(now.getTime() / bucketMs) - buckets + 1) * bucketMs);
}

/**
 * Requests per hour (24 hours) or per UTC day (30 days) by status class, from the hourly rollups: at most 720 hours
 * are summed per chart, whatever the raw log holds. Scoped by organisation first, like every read.
 */
export async function getUsage(
  db: Executor,
  organizationId: string,
  scope: UsageScope,
  range: UsageRange,
  filters: UsageFilters = {},
  now = new Date(),
): Promise<Usage> {
  const { buckets: count, bucketMs } = USAGE_RANGES[range];
  const start = rangeStart(range, now);
  const from = filters.lastMs !== undefined ? new Date(now.getTime() - filters.lastMs) : filters.from;
  const statusClass = filters.status && /^[1-5]xx$/.test(filters.status) ? Number(filters.status[0]) : undefined;
  const rows = await db
    .select({ hour: accessLogRollups.hour, statusClass: accessLogRollups.statusClass, requests: sql<number>`sum(${accessLogRollups.requests})::int` })
    .from(accessLogRollups)
    .where(
      and(
        eq(accessLogRollups.organizationId, organizationId),
        gte(accessLogRollups.hour, start),
        scopeCondition(organizationId, scope),
        statusClass ? eq(accessLogRollups.statusClass, statusClass) : undefined,
        from ? gte(accessLogRollups.hour, new Date(Math.floor(from.getTime() / HOUR_MS) * HOUR_MS)) : undefined,
        filters.to ? lte(accessLogRollups.hour, filters.to) : undefined,
      ),
    )
    .groupBy(accessLogRollups.hour, accessLogRollups.statusClass);
  const buckets: UsageBucket[] = Array.from({ length: count }, (_, i) => ({ start: new Date(start.getTime() + i * bucketMs), counts: zero() }));
  const totals = { ...zero(), all: 0 };
  for (const row of rows) {
    const bucket = buckets[Math.floor((row.hour.getTime() - start.getTime()) / bucketMs)];
    if (!bucket) continue;
    const name = chartClassOf(row.statusClass);
    bucket.counts[name] += row.requests;
    totals[name] += row.requests;
    totals.all += row.requests;
  }
  return { range, buckets, totals };
}

/** A chart's counts as `GET /api/v1/usage` answers them. */
export function serializeUsage(usage: Usage): UsageResponse {
  const { bucketMs } = USAGE_RANGES[usage.range];
  const last = usage.buckets.at(-1)!;
  return {
    range: usage.range,
    from: usage.buckets[0]!.start.toISOString(),
    to: new Date(last.start.getTime() + bucketMs).toISOString(),
    buckets: usage.buckets.map((bucket) => ({ start: bucket.start.toISOString(), ...bucket.counts })),
    totals: usage.totals,
  };
}

/** A key's access codes by their requests in the range, busiest first (by prefix: the secret is never stored). */
export async function listBusiestAccessCodes(db: Executor, organizationId: string, apiKeyId: string, range: UsageRange, now = new Date(), limit = 5) {
  const requests = sql<number>`sum(${accessLogRollups.requests})::int`;
  return db
    .select({ prefix: sql<string>`${accessLogRollups.accessCodePrefix}`, requests })
    .from(accessLogRollups)
    .where(
      and(
        eq(accessLogRollups.organizationId, organizationId),
        eq(accessLogRollups.apiKeyId, apiKeyId),
        gte(accessLogRollups.hour, rangeStart(range, now)),
        lt(accessLogRollups.hour, new Date(now.getTime() + HOUR_MS)),
        isNotNull(accessLogRollups.accessCodePrefix),
      ),
    )
    .groupBy(accessLogRollups.accessCodePrefix)
    .orderBy(desc(requests))
    .limit(limit);
}
