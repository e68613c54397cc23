import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { users } from "@/db/schema";
import { systemActor, writeAudit } from "@/lib/audit";
import type { RequestMeta } from "@/lib/request-meta";
import { decoyPasswordHash, verifyPassword } from "./password";
import { releaseAttempt, reserveAttempt, sweepFailures, type Refusal } from "./sign-in-guard";

/** A slow answer on every failure slows guessing down further. */
const FAILURE_ANSWER_MS = 250;

export type CredentialsCheck =
  | { ok: true; userId: string }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; refusal: Refusal };

/**
 * Checks an e-mail and password against the database. The attempt is reserved (counted) before the password is
 * checked, so parallel guesses cannot outrun the count (see sign-in-guard.ts). Unknown e-mails cost the same hash as
 * known ones and are throttled the same, so neither timing nor throttling reveals who has an account. A wrong
 * password for an existing person is recorded in their organisation's audit log; refusals before the check are
 * not, since they cost nothing and a flood of them would only bury the log.
 */
export async function verifyCredentials(
  db: Db,
  input: { email: string; password: string; meta: RequestMeta },
): Promise<CredentialsCheck> {
  const email = input.email.trim().toLowerCase();
  const reservation = await reserveAttempt(db, email, input.meta.ip);
  if (!reservation.ok) return { ok: false, reason: "throttled", refusal: reservation.refusal };

  const [user] = await db
    .select({ id: users.id, name: users.name, organizationId: users.organizationId, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  const valid = await verifyPassword(input.password, user?.passwordHash ?? (await decoyPasswordHash()));
  if (!user?.passwordHash || !valid) {
    // Every failure answers at the same moment, so recording it for a known person takes no time anyone can see.
    const answerAt = Date.now() + FAILURE_ANSWER_MS;
    // The reservation stays as this failure.
    if (user) {
      await writeAudit(
        db,
        systemActor(user.organizationId),
        {
          action: "session.sign_in_failed",
          target: { id: user.id, label: user.name },
          metadata: { email, method: "password", reason: "wrong_password" },
        },
        input.meta,
      );
    }
    if (Math.random() < 0.02) await sweepFailures(db);
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, answerAt - Date.now())));
    return { ok: false, reason: "invalid" };
  }
  await releaseAttempt(db, reservation.attemptId);
  return { ok: true, userId: user.id };
}
