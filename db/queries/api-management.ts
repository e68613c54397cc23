import "server-only";
import { and, asc, desc, eq, ilike, isNotNull, or, sql, type SQL } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { organizations, personalApiKeys, users, webhooks } from "@/db/schema";
import type { PersonalKeyStatus } from "./personal-api-keys";

export const API_ACCESS_SORTS = ["name", "email", "prefix", "enabled", "last_used", "webhooks", "status"] as const;
export type ApiAccessSort = (typeof API_ACCESS_SORTS)[number];
export const API_ACCESS_PAGE_SIZE = 25;
/**
 * Whom the list shows: `active`, the people with API access now (the default, as in the help article); `inactive`,
 * the others who had a key or have webhooks (turned off, cleared, never enabled); `all`, both.
 */
export const API_ACCESS_FILTERS = ["active", "inactive", "all"] as const;
export type ApiAccessFilter = (typeof API_ACCESS_FILTERS)[number];

export interface ApiAccessQuery {
  q?: string;
  access?: ApiAccessFilter;
  sort?: ApiAccessSort;
  dir?: "asc" | "desc";
  page?: number;
}

export interface ApiAccessRow {
  userId: string;
  name: string;
  email: string;
  /** Null for a person who has webhooks but never had a key. */
  prefix: string | null;
  enabledOn: Date | null;
  lastUsedAt: Date | null;
  webhookCount: number;
  status: PersonalKeyStatus;
  /** A live key whose lifetime is longer than the organisation's Maximum personal key lifetime (set after it was made). */
  exceedsMaxLifetime: boolean;
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * API Management's table: one row per person who ever enabled API access (from their newest key) or has webhooks,
 * narrowed by `access`, searched, sorted and paginated in the database (served by personal_api_keys_org_user_created_idx and webhooks_user_idx), so a
 * page costs the same with ten people or ten thousand.
 */
export async function listApiAccessPeople(db: Executor, organizationId: string, query: ApiAccessQuery) {
  const latest = db.$with("latest").as(
    db
      .selectDistinctOn([personalApiKeys.userId], {
        userId: personalApiKeys.userId,
        prefix: personalApiKeys.prefix,
        enabledOn: personalApiKeys.createdAt,
        lastUsedAt: personalApiKeys.lastUsedAt,
        revokedAt: personalApiKeys.revokedAt,
        revokeReason: personalApiKeys.revokeReason,
        expiresAt: personalApiKeys.expiresAt,
      })
      .from(personalApiKeys)
      .where(eq(personalApiKeys.organizationId, organizationId))
      .orderBy(personalApiKeys.userId, desc(personalApiKeys.createdAt)),
  );
  const webhookCount = sql<number>`(select count(*) from ${webhooks} w where w.user_id = "users"."id")`.mapWith(Number);
  const status = sql<string>`case when ${latest.userId} is null then 'none' when ${latest.revokedAt} is null then 'enabled' else coalesce(${latest.revokeReason}::text, 'turned_off') end`;
  const maxDays = sql`(select o.max_personal_key_lifetime_days from ${organizations} o where o.id = ${organizationId})`;
  const exceedsMaxLifetime = sql<boolean>`coalesce(${latest.revokedAt} is null and ${maxDays} is not null and (${latest.expiresAt} is null or ${latest.expiresAt} > ${latest.enabledOn} + ${maxDays} * interval '1 day'), false)`.mapWith(Boolean);
  const sortColumns: Record<ApiAccessSort, SQL | typeof users.name> = {
    name: sql`lower(${users.name})`,
    email: sql`${users.email}`,
    prefix: sql`${latest.prefix}`,
    enabled: sql`${latest.enabledOn}`,
    last_used: sql`${latest.lastUsedAt}`,
    webhooks: webhookCount,
    status,
  };
  const sort = sortColumns[query.sort ?? "name"];
  const direction = query.dir === "desc" ? desc : asc;
  const q = query.q?.trim();
  const page = Math.max(1, Math.floor(query.page ?? 1));
  const hasAccess = sql`(${latest.userId} is not null and ${latest.revokedAt} is null)`;
  const where = and(
    eq(users.organizationId, organizationId),
    or(isNotNull(latest.userId), sql`exists (select 1 from ${webhooks} w where w.user_id = "users"."id")`),
    { active: hasAccess, inactive: sql`not ${hasAccess}`, all: undefined }[query.access ?? "active"],
    q ? or(ilike(users.name, `%${escapeLike(q)}%`), ilike(users.email, `%${escapeLike(q)}%`)) : undefined,
  );

  const rows = await db
    .with(latest)
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      prefix: latest.prefix,
      enabledOn: latest.enabledOn,
      lastUsedAt: latest.lastUsedAt,
      webhookCount,
      status,
      exceedsMaxLifetime,
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(users)
    .leftJoin(latest, eq(latest.userId, users.id))
    .where(where)
    .orderBy(query.dir === "desc" ? sql`${sort} desc nulls last` : sql`${sort} asc nulls first`, direction(users.id))
    .limit(API_ACCESS_PAGE_SIZE)
    .offset((page - 1) * API_ACCESS_PAGE_SIZE);

  const total = rows[0]?.total ?? (page > 1 ? await countAll() : 0);
  async function countAll() {
    const [row] = await db
      .with(latest)
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(users)
      .leftJoin(latest, eq(latest.userId, users.id))
      .where(where);
    return row?.n ?? 0;
  }
  return {
    rows: rows.map(
      (row): ApiAccessRow => ({
        userId: row.userId,
        name: row.name,
        email: row.email,
        prefix: row.prefix,
        enabledOn: row.enabledOn ? new Date(row.enabledOn) : null,
        lastUsedAt: row.lastUsedAt ? new Date(row.lastUsedAt) : null,
        webhookCount: row.webhookCount,
        status: row.status as PersonalKeyStatus,
        exceedsMaxLifetime: row.exceedsMaxLifetime,
      }),
    ),
    total,
    page,
    pageCount: Math.max(1, Math.ceil(total / API_ACCESS_PAGE_SIZE)),
  };
}
