import { index, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampColumn } from "./columns";
import { users } from "./people";

/**
 * One row per console sign-in. The session cookie is a JWT naming this row; signing out revokes the row, so a
 * cookie re-issued by a request still in flight (a prefetch, another tab) is worthless afterwards. Every request
 * checks the row: not revoked, younger than the absolute lifetime, and seen within the idle timeout.
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
    /** Moved forward by requests (at most once a minute), for the idle timeout. */
    lastSeenAt: timestampColumn("last_seen_at").notNull().defaultNow(),
    revokedAt: timestampColumn("revoked_at"),
  },
  (t) => [index("user_sessions_user_idx").on(t.userId)],
);

/**
 * Single sign-on identities bound to people: the provider's issuer and subject, linked on a person's first SSO
 * sign-in (matched then by verified e-mail) and matched on from then on. An e-mail address the provider lets its
 * users change can thus never move a sign-in to another person.
 */
export const userIdentities = pgTable(
  "user_identities",
  {
    id: id(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    issuer: text("issuer").notNull(),
    subject: text("subject").notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("user_identities_issuer_subject_idx").on(t.issuer, t.subject),
    // One identity per person and provider: a second subject claiming the same person is refused, not added.
    uniqueIndex("user_identities_user_issuer_idx").on(t.userId, t.issuer),
  ],
);
