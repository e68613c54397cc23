import { index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampColumn } from "./columns";
import { users } from "./people";

/**
 * One row per console sign-in. The session cookie is a JWT naming this row; signing out revokes the row, so a
 * cookie re-issued by a request still in flight (a prefetch, another tab) is worthless afterwards.
 */
export const userSessions = pgTable(
  "user_sessions",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    ip: text("ip"),
    userAgent: text("user_agent"),
    createdAt: createdAt(),
    revokedAt: timestampColumn("revoked_at"),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);
