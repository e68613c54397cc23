import { integer, jsonb, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
import { timestampColumn } from "./columns";

/**
 * Fixed-window counters kept in the database, so a limit holds across restarts and across app instances behind
 * a load balancer. Old windows are deleted opportunistically.
 */
export const rateLimitCounters = pgTable(
  "rate_limit_counters",
  {
    key: text("key").notNull(),
    windowStart: timestampColumn("window_start").notNull(),
    count: integer("count").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.key, t.windowStart] })],
);

/** A credential's request budget: `requests` per `per`. Null where it is stored means no limit. */
export interface RequestRateLimit {
  requests: number;
  per: "second" | "minute" | "hour";
}

/** One nullable column holds a limit: both halves change together, and "off" is one value. */
export const rateLimitColumn = (name: string) => jsonb(name).$type<RequestRateLimit>();
