import "server-only";
import { alias } from "drizzle-orm/pg-core";
import { and, asc, count, desc, eq, gt, ilike, isNotNull, isNull, lte, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { accessCodes, apiKeys, users } from "@/db/schema";
import type { ApiKeyResponse } from "@/lib/validators/api-keys";

export interface ApiKeyFilters {
  q?: string;
  tag?: string;
  policy?: string;
  status?: "active" | "archived";
}

const creators = alias(users, "creators");
const archivers = alias(users, "archivers");
const actsAs = alias(users, "acts_as");
const sources = alias(apiKeys, "sources");

// postgres.js parses text[] into an array; PGlite may hand back the literal `{a,b}`.
export function textArray(value: string[] | string | null): string[] {
  if (Array.isArray(value)) return value;
  if (!value) return [];
  return value
    .replace(/^\{|\}$/g, "")
    .split(",")
    .filter(Boolean)
    .map((v) => v.replace(/^"|"$/g, ""));
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The organisation's keys for the API Keys table, newest first, with their number of access codes. */
export async function listApiKeys(db: Executor, organizationId: string, filters: ApiKeyFilters = {}) {
  const codeCount = db
    .select({ apiKeyId: accessCodes.apiKeyId, n: count().as("n") })
    .from(accessCodes)
    .groupBy(accessCodes.apiKeyId)
    .as("code_count");
  const rows = await db
    .select({
      id: apiKeys.id,
      publicId: apiKeys.publicId,
      name: apiKeys.name,
      description: apiKeys.description,
      tags: apiKeys.tags,
      policies: apiKeys.policies,
      logRequests: apiKeys.logRequests,
      logBodies: apiKeys.logBodies,
      linked: sql<boolean>`${apiKeys.linkedKeyId} is not null`,
      createdAt: apiKeys.createdAt,
      createdBy: creators.name,
      archivedAt: apiKeys.archivedAt,
      archivedBy: sql<string | null>`coalesce(${archivers.name}, ${apiKeys.archivedByLabel})`,
      lastUsedAt: apiKeys.lastUsedAt,
      actsAsUser: { id: actsAs.id, name: actsAs.name, email: actsAs.email },
      accessCodes: sql<number>`coalesce(${codeCount.n}, 0)`.mapWith(Number),
    })
    .from(apiKeys)
    .leftJoin(creators, eq(creators.id, apiKeys.createdById))
    .leftJoin(archivers, eq(archivers.id, apiKeys.archivedById))
    .leftJoin(actsAs, eq(actsAs.id, apiKeys.actsAsUserId))
    .leftJoin(codeCount, eq(codeCount.apiKeyId, apiKeys.id))
    .where(
      and(
        eq(apiKeys.organizationId, organizationId),
        filters.q ? ilike(apiKeys.name, `%${escapeLike(filters.q)}%`) : undefined,
        filters.tag ? sql`${filters.tag} = any(${apiKeys.tags})` : undefined,
        filters.policy ? sql`${filters.policy} = any(${apiKeys.policies})` : undefined,
        filters.status === "active" ? isNull(apiKeys.archivedAt) : undefined,
        filters.status === "archived" ? isNotNull(apiKeys.archivedAt) : undefined,
      ),
    )
    .orderBy(desc(apiKeys.createdAt), asc(apiKeys.name));
  return rows.map((row) => ({
    ...row,
    tags: textArray(row.tags),
    policies: textArray(row.policies),
    actsAsUser: row.actsAsUser?.id ? row.actsAsUser : null,
  }));
}
export type ApiKeyRow = Awaited<ReturnType<typeof listApiKeys>>[number];

/** Every tag used by the organisation's keys, for the filter. */
export async function listApiKeyTags(db: Executor, organizationId: string): Promise<string[]> {
  const rows = await db
    .select({ tag: sql<string>`distinct unnest(${apiKeys.tags})` })
    .from(apiKeys)
    .where(eq(apiKeys.organizationId, organizationId));
  return rows.map((r) => r.tag).sort((a, b) => a.localeCompare(b));
}

/** One key of the organisation by its public id, with its access codes; null when it is not this organisation's. */
export async function getApiKey(db: Executor, organizationId: string, publicId: string) {
  const [key] = await db
    .select({
      id: apiKeys.id,
      publicId: apiKeys.publicId,
      name: apiKeys.name,
      description: apiKeys.description,
      tags: apiKeys.tags,
      policies: apiKeys.policies,
      logRequests: apiKeys.logRequests,
      logBodies: apiKeys.logBodies,
      allowedIps: apiKeys.allowedIps,
      rateLimit: apiKeys.rateLimit,
      actsAsUserId: apiKeys.actsAsUserId,
      actsAsUser: { id: actsAs.id, name: actsAs.name, email: actsAs.email },
      linkedKeyId: apiKeys.linkedKeyId,
      linkedPublicId: sources.publicId,
      createdAt: apiKeys.createdAt,
      createdBy: creators.name,
      archivedAt: apiKeys.archivedAt,
      archivedBy: sql<string | null>`coalesce(${archivers.name}, ${apiKeys.archivedByLabel})`,
      lastUsedAt: apiKeys.lastUsedAt,
    })
    .from(apiKeys)
    .leftJoin(creators, eq(creators.id, apiKeys.createdById))
    .leftJoin(archivers, eq(archivers.id, apiKeys.archivedById))
    .leftJoin(actsAs, eq(actsAs.id, apiKeys.actsAsUserId))
    .leftJoin(sources, eq(sources.id, apiKeys.linkedKeyId))
    .where(and(eq(apiKeys.organizationId, organizationId), eq(apiKeys.publicId, publicId)));
  if (!key) return null;
  const codes = await db
    .select({
      id: accessCodes.id,
      description: accessCodes.description,
      prefix: accessCodes.displayPrefix,
      enabled: accessCodes.enabled,
      expiresAt: accessCodes.expiresAt,
      createdAt: accessCodes.createdAt,
      lastUsedAt: accessCodes.lastUsedAt,
    })
    .from(accessCodes)
    .where(eq(accessCodes.apiKeyId, key.id))
    .orderBy(asc(accessCodes.createdAt));
  return {
    ...key,
    tags: textArray(key.tags),
    policies: textArray(key.policies),
    actsAsUser: key.actsAsUser?.id ? key.actsAsUser : null,
    linked: Boolean(key.linkedKeyId),
    accessCodes: codes,
  };
}
export type ApiKeyDetail = NonNullable<Awaited<ReturnType<typeof getApiKey>>>;

/** What the API answers about a key: never a secret or a hash. */
export function serializeApiKey(key: ApiKeyDetail): ApiKeyResponse {
  return {
    id: key.publicId,
    name: key.name,
    description: key.description,
    tags: key.tags,
    policies: key.policies,
    logRequests: key.logRequests,
    logBodies: key.logBodies,
    actsAsUser: key.actsAsUser ? { id: key.actsAsUser.id, email: key.actsAsUser.email } : null,
    allowedIps: key.allowedIps,
    rateLimit: key.rateLimit,
    linkedKeyId: key.linkedPublicId ?? null,
    status: key.archivedAt ? "archived" : "active",
    createdAt: key.createdAt.toISOString(),
    archivedAt: key.archivedAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    accessCodes: key.accessCodes.map((code) => ({
      id: code.id,
      description: code.description,
      prefix: code.prefix,
      enabled: code.enabled,
      expiresAt: code.expiresAt.toISOString(),
      createdAt: code.createdAt.toISOString(),
      lastUsedAt: code.lastUsedAt?.toISOString() ?? null,
    })),
  };
}

/** The organisation's working access codes that expire between `now` and `until`, soonest first (API Keys banner). */
export async function listExpiringAccessCodes(db: Executor, organizationId: string, now: Date, until: Date) {
  return db
    .select({
      id: accessCodes.id,
      prefix: accessCodes.displayPrefix,
      description: accessCodes.description,
      expiresAt: accessCodes.expiresAt,
      keyId: apiKeys.publicId,
      keyName: apiKeys.name,
    })
    .from(accessCodes)
    .innerJoin(apiKeys, eq(apiKeys.id, accessCodes.apiKeyId))
    .where(
      and(
        eq(apiKeys.organizationId, organizationId),
        isNull(apiKeys.archivedAt),
        eq(accessCodes.enabled, true),
        gt(accessCodes.expiresAt, now),
        lte(accessCodes.expiresAt, until),
      ),
    )
    .orderBy(asc(accessCodes.expiresAt));
}
