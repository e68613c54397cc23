import { index, pgTable, text } from "drizzle-orm/pg-core";
import { createdAt, id } from "./columns";

/**
 * Failed sign-in attempts, kept in the database so the throttling holds across restarts and app instances. Each
 * attempt is written here before its password is checked (a reservation, counted as a failure from then on) and
 * removed only when that password turns out right; failures age out of the window, never deleted by a success.
 * Keyed by the e-mail typed, whether or not such a person exists, so throttling reveals nothing.
 */
export const signInFailures = pgTable(
  "sign_in_failures",
  {
    id: id(),
    email: text("email").notNull(),
    ip: text("ip"),
    createdAt: createdAt(),
  },
  (t) => [
    index("sign_in_failures_email_created_idx").on(t.email, t.createdAt),
    index("sign_in_failures_ip_created_idx").on(t.ip, t.createdAt),
  ],
);
