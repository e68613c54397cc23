import "server-only";
import { and, asc, desc, eq, gte, lt, lte, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { accessLogs, apiKeys, personalApiKeys, users } from "@/db/schema";

export const STATUS_CLASSES = ["2xx", "3xx", "4xx", "5xx"] as const;
export type StatusClass = (typeof STATUS_CLASSES)[number];

export const TIME_RANGES = {
  "15m": { label: "Last 15 minutes", ms: 15 * 60_000 },
  "1h": { label: "Last hour", ms: 3600_000 },
  "24h": { label: "Last 24 hours", ms: 24 * 3600_000 },
  "7d": { label: "Last 7 days", ms: 7 * 24 * 3600_000 },
  "30d": { label: "Last 30 days", ms: 30 * 24 * 3600_000 },
} as const;
export type TimeRange = keyof typeof TIME_RANGES;

export interface AccessLogFilters {
  apiKeyId?: string;
  /** The company credentials' OAuth tokens, or personal keys (of one person when `userId` is given). */
  credential?: { kind: "oauth_token" } | { kind: "personal_key"; userId?: string };
  /** A custom time range, both ends included; `range` wins when both are given. */
  from?: Date;
  to?: Date;
  status?: StatusClass;
  range?: TimeRange;
  /** The id of the last entry of the previous page: entries strictly older than it follow. */
  cursor?: string;
  limit?: number;
}

/**
 * A page of the organisation's access log, newest first. Keyset pagination on (created_at, id) — served by the
 * organisation + time index, without OFFSET — and the cursor row is read by id, so no precision is lost.
 */
/** The person whose personal key made the request, for the Key column's words. */
const personalKeyOwner = sql<string | null>`(select u.name from ${personalApiKeys} pk join ${users} u on u.id = pk.user_id where ${accessLogs.credentialKind} = 'personal_key' and pk.id::text = ${accessLogs.credentialId})`;

function credentialCondition(organizationId: string, credential: AccessLogFilters["credential"]) {
  if (!credential) return undefined;
  if (credential.kind === "oauth_token") return eq(accessLogs.credentialKind, "oauth_token");
  return and(
    eq(accessLogs.credentialKind, "personal_key"),
    credential.userId
      ? sql`${accessLogs.credentialId} in (select ${personalApiKeys.id}::text from ${personalApiKeys} where ${personalApiKeys.organizationId} = ${organizationId} and ${personalApiKeys.userId} = ${credential.userId})`
      : undefined,
  );
}

export async function listAccessLogs(db: Executor, organizationId: string, filters: AccessLogFilters = {}) {
  const limit = filters.limit ?? 50;
  const base = filters.status ? Number(filters.status[0]) * 100 : null;
  const cursorRow = filters.cursor
    ? sql`(${accessLogs.createdAt}, ${accessLogs.id}) < (select c.created_at, c.id from access_logs c where c.id = ${filters.cursor} and c.organization_id = ${organizationId})`
    : undefined;
  const rows = await db
    .select({
      id: accessLogs.id,
      createdAt: accessLogs.createdAt,
      apiKeyId: accessLogs.apiKeyId,
      keyPublicId: apiKeys.publicId,
      keyName: apiKeys.name,
      accessCodePrefix: accessLogs.accessCodePrefix,
      credentialKind: accessLogs.credentialKind,
      personalKeyOwner,
      method: accessLogs.method,
      path: accessLogs.path,
      status: accessLogs.status,
      ip: accessLogs.ip,
      durationMs: accessLogs.durationMs,
    })
    .from(accessLogs)
    .leftJoin(apiKeys, eq(apiKeys.id, accessLogs.apiKeyId))
    .where(
      and(
        eq(accessLogs.organizationId, organizationId),
        filters.apiKeyId ? eq(accessLogs.apiKeyId, filters.apiKeyId) : undefined,
        base !== null ? and(gte(accessLogs.status, base), lt(accessLogs.status, base + 100)) : undefined,
        credentialCondition(organizationId, filters.credential),
        filters.range ? gte(accessLogs.createdAt, new Date(Date.now() - TIME_RANGES[filters.range].ms)) : undefined,
        !filters.range && filters.from ? gte(accessLogs.createdAt, filters.from) : undefined,
        !filters.range && filters.to ? lte(accessLogs.createdAt, filters.to) : undefined,
        cursorRow,
      ),
    )
    .orderBy(desc(accessLogs.createdAt), desc(accessLogs.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  return { entries: page, nextCursor: rows.length > limit ? page[page.length - 1]!.id : null };
}
export type AccessLogRow = Awaited<ReturnType<typeof listAccessLogs>>["entries"][number];

export async function getAccessLog(db: Executor, organizationId: string, id: string) {
  const [row] = await db
    .select({
      id: accessLogs.id,
      createdAt: accessLogs.createdAt,
      keyPublicId: apiKeys.publicId,
      keyName: apiKeys.name,
      accessCodePrefix: accessLogs.accessCodePrefix,
      credentialKind: accessLogs.credentialKind,
      credentialId: accessLogs.credentialId,
      apiKeyId: accessLogs.apiKeyId,
      personalKeyOwner,
      method: accessLogs.method,
      path: accessLogs.path,
      status: accessLogs.status,
      ip: accessLogs.ip,
      userAgent: accessLogs.userAgent,
      durationMs: accessLogs.durationMs,
      requestBody: accessLogs.requestBody,
      responseBody: accessLogs.responseBody,
    })
    .from(accessLogs)
    .leftJoin(apiKeys, eq(apiKeys.id, accessLogs.apiKeyId))
    .where(and(eq(accessLogs.organizationId, organizationId), eq(accessLogs.id, id)));
  return row ?? null;
}

/** The people of the organisation who have had a personal key: the key filter's choices besides the API keys. */
export async function listPersonalKeyOwners(db: Executor, organizationId: string) {
  return db
    .selectDistinct({ id: users.id, name: users.name })
    .from(personalApiKeys)
    .innerJoin(users, eq(users.id, personalApiKeys.userId))
    .where(eq(personalApiKeys.organizationId, organizationId))
    .orderBy(asc(users.name), asc(users.id));
}
