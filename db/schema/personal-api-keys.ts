import { sql } from "drizzle-orm";
import { boolean, index, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampColumn } from "./columns";
import { organizations } from "./organizations";
import { users } from "./people";

export const personalKeyRevokeReasonEnum = pgEnum("personal_key_revoke_reason", ["turned_off", "regenerated", "cleared"]);

/**
 * Personal API keys: a key acts as its person. Rows are kept after revocation, so the person's tab
 * can say who cleared it and when; at most one live (unrevoked) key per person, also under concurrency.
 */
export const personalApiKeys = pgTable(
  "personal_api_keys",
  {
    id: id(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** SHA-256 of the secret: the secret itself is shown once and never stored. */
    keyHash: text("key_hash").notNull().unique(),
    /** `kwpk_` and the first characters, safe to show. */
    prefix: text("prefix").notNull(),
    /** "Enabled on". */
    createdAt: createdAt(),
    /** Chosen when the key is made; null is No expiry (where the organisation allows it). */
    expiresAt: timestampColumn("expires_at"),
    lastUsedAt: timestampColumn("last_used_at"),
    revokedAt: timestampColumn("revoked_at"),
    revokedById: uuid("revoked_by_id").references(() => users.id, { onDelete: "set null" }),
    /** The revoker's name at the time, so the tab reads right after renames and deletions. */
    revokedByLabel: text("revoked_by_label"),
    /** Keyward revoked it itself (a secret-scanning partner reported it leaked), not a person. */
    revokedByKeyward: boolean("revoked_by_keyward").notNull().default(false),
    revokeReason: personalKeyRevokeReasonEnum("revoke_reason"),
  },
  (t) => [
    uniqueIndex("personal_api_keys_one_live_per_user_idx").on(t.userId).where(sql`${t.revokedAt} is null`),
    // The newest key per person (API Management lists one row per person; the tab shows the latest state).
    index("personal_api_keys_org_user_created_idx").on(t.organizationId, t.userId, t.createdAt),
    // The expiry job: live keys by how soon they expire.
    index("personal_api_keys_live_expires_idx").on(t.expiresAt).where(sql`${t.revokedAt} is null`),
  ],
);

export type PersonalApiKey = typeof personalApiKeys.$inferSelect;
