import { integer, pgTable, primaryKey, text } from "drizzle-orm/pg-core";
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
