import { sql } from "drizzle-orm";
import { boolean, type AnyPgColumn, index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampColumn } from "./columns";
import { organizations } from "./organizations";
import { rateLimitColumn } from "./rate-limits";
import { users } from "./people";

/**
 * Organisation API keys. A key holds policies and owns up to two access codes; the codes are the
 * secrets. A linked key (`linkedKeyId` set) belongs to this organisation but has no codes of its own: the source
 * key's codes act here, within the link's policies.
 */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: id(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** The public "API key ID" (`kwk_…`): shown in the console, used in URLs, the API and for linking. */
    publicId: text("public_id").notNull().unique(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    policies: text("policies").array().notNull().default(sql`'{}'::text[]`),
    logRequests: boolean("log_requests").notNull().default(false),
    logBodies: boolean("log_bodies").notNull().default(false),
    /** Addresses and CIDR ranges its access codes may be used from, one per entry; empty = any address. */
    allowedIps: text("allowed_ips").array().notNull().default(sql`'{}'::text[]`),
    /** Requests its access codes may make per second, minute or hour, across every instance; null = no limit. */
    rateLimit: rateLimitColumn("rate_limit"),
    /**
     * Impersonation: requests get the intersection of the key's policies and this person's current permissions.
     * No ON DELETE action: silently dropping the person would widen the key to its policies alone.
     */
    actsAsUserId: uuid("acts_as_user_id").references(() => users.id),
    /** The other organisation's key this one links to; its deletion removes the link. */
    linkedKeyId: uuid("linked_key_id").references((): AnyPgColumn => apiKeys.id, { onDelete: "cascade" }),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    archivedAt: timestampColumn("archived_at"),
    archivedById: uuid("archived_by_id").references(() => users.id, { onDelete: "set null" }),
    /** Who archived it when that was a credential rather than a person (API archive). */
    archivedByLabel: text("archived_by_label"),
    lastUsedAt: timestampColumn("last_used_at"),
  },
  (t) => [
    // Names are unique per organisation whatever their case: "Billing" and "billing" would confuse the log.
    uniqueIndex("api_keys_organization_name_idx").on(t.organizationId, sql`lower(${t.name})`),
    // One link per source key per organisation.
    uniqueIndex("api_keys_organization_linked_idx")
      .on(t.organizationId, t.linkedKeyId)
      .where(sql`${t.linkedKeyId} is not null`),
    index("api_keys_linked_key_idx").on(t.linkedKeyId),
    index("api_keys_organization_created_idx").on(t.organizationId, t.createdAt),
  ],
);

/** The secrets of a key: only their SHA-256 is stored. At most two per key (enforced in the service, under a lock). */
export const accessCodes = pgTable(
  "access_codes",
  {
    id: id(),
    apiKeyId: uuid("api_key_id")
      .notNull()
      .references(() => apiKeys.id, { onDelete: "cascade" }),
    description: text("description").notNull().default(""),
    /** Unique across every organisation: the authenticator finds a code by this hash alone, custom values included. */
    secretHash: text("secret_hash").notNull().unique(),
    /** A non-secret reminder such as `kwak_3fQ9xT2a`, safe to show and log. */
    displayPrefix: text("display_prefix").notNull(),
    enabled: boolean("enabled").notNull().default(true),
    expiresAt: timestampColumn("expires_at").notNull(),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    lastUsedAt: timestampColumn("last_used_at"),
  },
  (t) => [
    index("access_codes_api_key_idx").on(t.apiKeyId),
    // The expiry job looks for codes by how soon they expire.
    index("access_codes_expires_idx").on(t.expiresAt),
  ],
);

export type ApiKey = typeof apiKeys.$inferSelect;
export type AccessCode = typeof accessCodes.$inferSelect;
