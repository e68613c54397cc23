import { sql } from "drizzle-orm";
import { check, index, integer, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampColumn } from "./columns";
import { organizations } from "./organizations";
import { users } from "./people";

/**
 * The company's OAuth client credentials. Deleted pairs stay as rows (deletedAt set) so the page can
 * say who deleted the most recent pair and when. The client secret is stored only as its SHA-256.
 *
 * Rolling replaces the secret under the same client id: the old one moves to `previousSecret*` and keeps working
 * until `previousSecretExpiresAt`. `secretVersion` counts the secrets; each token records the version that obtained
 * it, so the previous secret's tokens end with it.
 */
export const companyCredentials = pgTable(
  "company_credentials",
  {
    id: id(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** Public identifier (`kwc_…`), sent as the OAuth client_id. */
    clientId: text("client_id").notNull().unique(),
    secretHash: text("secret_hash").notNull(),
    /** e.g. `kwcs_3fQ9xT2a`: enough to recognise the secret, useless to an attacker. */
    secretPrefix: text("secret_prefix").notNull(),
    createdById: uuid("created_by_id").references(() => users.id, { onDelete: "set null" }),
    createdAt: createdAt(),
    deletedById: uuid("deleted_by_id").references(() => users.id, { onDelete: "set null" }),
    deletedAt: timestampColumn("deleted_at"),
    secretVersion: integer("secret_version").notNull().default(1),
    previousSecretHash: text("previous_secret_hash"),
    previousSecretPrefix: text("previous_secret_prefix"),
    /** When the previous secret (and the tokens it obtained) stops working; null when there is none. */
    previousSecretExpiresAt: timestampColumn("previous_secret_expires_at"),
    rolledById: uuid("rolled_by_id").references(() => users.id, { onDelete: "set null" }),
    rolledAt: timestampColumn("rolled_at"),
  },
  (t) => [
    // At most one previous secret, and never one without its end: the two columns are set and cleared together.
    check(
      "company_credentials_previous_secret_complete",
      sql`(${t.previousSecretHash} is null) = (${t.previousSecretExpiresAt} is null)`,
    ),
    // One active pair per organisation, enforced by the database: two Office Leads generating at the same moment
    // cannot both succeed, whatever the application checked before inserting.
    uniqueIndex("company_credentials_one_active_per_org").on(t.organizationId).where(sql`deleted_at is null`),
    index("company_credentials_organization_deleted_idx").on(t.organizationId, t.deletedAt),
  ],
);

/**
 * Opaque OAuth access tokens (`kwat_…`) issued by the client-credentials grant, stored as SHA-256 only. A token is
 * valid while it is unexpired, unrevoked AND its credentials are not deleted: the resolver joins the live
 * credential, so deleting the credentials stops every token on the very next request.
 */
export const oauthAccessTokens = pgTable(
  "oauth_access_tokens",
  {
    id: id(),
    credentialId: uuid("credential_id")
      .notNull()
      .references(() => companyCredentials.id, { onDelete: "cascade" }),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    tokenHash: text("token_hash").notNull().unique(),
    /** The credentials' `secretVersion` whose secret obtained this token. */
    secretVersion: integer("secret_version").notNull().default(1),
    expiresAt: timestampColumn("expires_at").notNull(),
    revokedAt: timestampColumn("revoked_at"),
    createdAt: createdAt(),
  },
  (t) => [index("oauth_access_tokens_credential_idx").on(t.credentialId)],
);

export type CompanyCredentials = typeof companyCredentials.$inferSelect;
export type OAuthAccessToken = typeof oauthAccessTokens.$inferSelect;
