import { index, integer, pgTable, smallint, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { organizations } from "./organizations";

/**
 * Requests per hour, credential and status class, kept by the access-log writer in the statement that inserts the
 * raw rows it counts, so the charts never disagree with what was written. The raw log is pruned (Keep access logs
 * for); these counts stay. OAuth tokens are counted under their company credentials (`company_credentials` kind),
 * not per token: a token lives an hour, the credentials are what people look at. No foreign key on `apiKeyId`, as
 * for the log; the one on `organizationId` also vouches for the log's rows, written in the same statement.
 */
export const accessLogRollups = pgTable(
  "access_log_rollups",
  {
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    /** The hour the requests started in, truncated in UTC. */
    hour: timestamp("hour", { withTimezone: true, mode: "date" }).notNull(),
    apiKeyId: uuid("api_key_id"),
    credentialKind: text("credential_kind"),
    credentialId: text("credential_id"),
    accessCodePrefix: text("access_code_prefix"),
    /** The status divided by 100 (1 to 5); the charts show 1xx and 3xx with 2xx, the Access Logs filter keeps 3xx apart. */
    statusClass: smallint("status_class").notNull(),
    requests: integer("requests").notNull(),
  },
  (t) => [
    // The upsert's conflict target; a failed attempt may lack a key or credential, and those must still add up.
    unique("access_log_rollups_bucket")
      .on(t.organizationId, t.hour, t.apiKeyId, t.credentialKind, t.credentialId, t.accessCodePrefix, t.statusClass)
      .nullsNotDistinct(),
    index("access_log_rollups_key_hour_idx").on(t.organizationId, t.apiKeyId, t.hour),
    index("access_log_rollups_credential_hour_idx").on(t.organizationId, t.credentialKind, t.credentialId, t.hour),
  ],
);

export type AccessLogRollup = typeof accessLogRollups.$inferSelect;
