import { boolean, integer, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";
import { rateLimitColumn } from "./rate-limits";

export const organizations = pgTable("organizations", {
  id: id(),
  slug: text("slug").notNull().unique(),
  name: text("name").notNull(),
  /** Administration → Settings. Write policies stay off until an Administrator opts in. */
  allowWritePolicies: boolean("allow_write_policies").notNull().default(false),
  allowQueryStringKeys: boolean("allow_query_string_keys").notNull().default(true),
  allowPersonalApiKeys: boolean("allow_personal_api_keys").notNull().default(true),
  /** Maximum personal key lifetime in days; null is No limit (keys without expiry allowed). */
  maxPersonalKeyLifetimeDays: integer("max_personal_key_lifetime_days"),
  /** Rate limit for personal keys: each person's key gets this budget of its own; null = no limit. */
  personalKeyRateLimit: rateLimitColumn("personal_key_rate_limit"),
  /**
   * Keep access logs for (days): raw entries older than this are pruned; the hourly counts stay. 365 by default:
   * before this setting nothing was ever pruned, so existing organisations lose no entry they may rely on until an
   * Administrator chooses a shorter period.
   */
  accessLogRetentionDays: integer("access_log_retention_days").notNull().default(365),
  createdAt: createdAt(),
});

export type Organization = typeof organizations.$inferSelect;
