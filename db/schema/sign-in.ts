import { index, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

/**
 * Failed sign-in attempts, kept in the database so the lockout holds across restarts and app instances.
 * Keyed by the e-mail typed, whether or not such a person exists, so a lockout reveals nothing.
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: id(),
    email: text("email").notNull(),
    ip: text("ip"),
    createdAt: createdAt(),
  },
  (t) => [index("sign_in_failures_email_created_idx").on(t.email, t.createdAt)],
);
