import { pgEnum, pgTable, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampColumn } from "./columns";
import { organizations } from "./organizations";

export const expiringCredentialEnum = pgEnum("expiring_credential", ["access_code", "personal_api_key"]);
export const expiryThresholdEnum = pgEnum("expiry_threshold", ["14d", "3d", "expired"]);

/**
 * One row per credential and threshold whose notice (audit event and webhook events) was written, in the same
 * transaction: the unique index is what makes each notice happen once, whatever the number of instances or restarts.
 * No foreign key to the credential: the notice outlives a deleted code, and two credential tables share this one.
 */
export const expiryNotices = pgTable(
  "expiry_notices",
  {
    id: id(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    credentialType: expiringCredentialEnum("credential_type").notNull(),
    credentialId: uuid("credential_id").notNull(),
    threshold: expiryThresholdEnum("threshold").notNull(),
    /** The credential's expiry the notice was about, as it was then. */
    expiresAt: timestampColumn("expires_at").notNull(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("expiry_notices_once_idx").on(t.credentialType, t.credentialId, t.threshold)],
);
