import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { decoyPasswordHash, verifyPassword } from "./password";
import { clearFailures, lockedUntil, recordFailure } from "./sign-in-guard";

export type CredentialsCheck =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "locked"; until: Date };

/**
 * Checks an e-mail and password against the database, counting failures per e-mail. Unknown e-mails cost the
 * same hash as known ones and count the same failures, so neither timing nor lockout reveals who has an account.
 */
export async function verifyCredentials(
  db: Db,
  input: { email: string; password: string; ip: string | null },
): Promise<CredentialsCheck> {
  const email = input.email.trim().toLowerCase();
  const until = await lockedUntil(db, email);
  if (until) return { ok: false, reason: "locked", until };

  const [user] = await db
    .select({ id: users.id, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user?.passwordHash || !valid) {
    await recordFailure(db, email, input.ip);
    // A slow answer on every failure slows guessing down further, lockout or not.
    await new Promise((resolve) => setTimeout(resolve, 250));
    return { ok: false, reason: "invalid" };
  }
  await clearFailures(db, email);
  return { ok: true, userId: user.id };
}
