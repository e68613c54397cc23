import "server-only";
import { and, count, desc, eq, gt, lt, sql } from "drizzle-orm";
import type { Db, Executor } from "@/db/client";
import { signInFailures } from "@/db/schema";

/** Failures count for this long, then age out; nothing else removes them. */
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;
/** Failures for one e-mail from one address before that pair is locked. */
export const PAIR_LIMIT = 5;
/** Failures from one address, whatever the e-mails, before the address is locked. */
export const ADDRESS_LIMIT = 20;
/** Failures for one e-mail, from all addresses, before every address must wait between its attempts. */
export const SLOW_DOWN_AFTER = 5;
/** The longest wait between two attempts for one e-mail from one address. */
export const MAX_DELAY_MS = 5 * 60 * 1000;

/**
 * Why an attempt is refused before its password is checked, and until when:
 * - `locked`: this address failed for this e-mail too often;
 * - `address`: this address failed too often, across e-mails;
 * - `slowed`: this e-mail failed often from many addresses; this address must wait a little before trying again.
 */
export interface Refusal {
  reason: "locked" | "address" | "slowed";
  until: Date;
}

export type Reservation = { ok: true; attemptId: string } | { ok: false; refusal: Refusal };

/** The wait between attempts for an e-mail with `failures` recent failures: doubling from 1 s, at most MAX_DELAY_MS. */
export function slowDownDelayMs(failures: number): number {
  if (failures < SLOW_DOWN_AFTER) return 0;
  return Math.min(MAX_DELAY_MS, 1000 * 2 ** Math.min(30, failures - SLOW_DOWN_AFTER));
}

const addressOf = (ip: string | null) => ip ?? "unknown";

/**
 * Whether an attempt for `email` from `ip` would be refused now, and why. Counts reservations still in flight as
 * failures. An address that never tried this e-mail is refused only for its own failures: however many others fail
 * for the e-mail, its owner can still sign in from somewhere else.
 */
export async function refusalFor(db: Executor, email: string, ip: string | null, now = new Date()): Promise<Refusal | null> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const address = addressOf(ip);
  const recent = gt(signInFailures.createdAt, since);

  const freedAt = async (where: ReturnType<typeof and>, limit: number) => {
    const rows = await db
      .select({ at: signInFailures.createdAt })
      .from(signInFailures)
      .where(where)
      .orderBy(desc(signInFailures.createdAt))
      .limit(limit);
    // Locked until the oldest of the last `limit` failures ages out, which brings the count below the limit.
    return rows.length >= limit ? new Date(rows[limit - 1]!.at.getTime() + FAILURE_WINDOW_MS) : null;
  };

  const addressUntil = await freedAt(and(eq(signInFailures.ip, address), recent), ADDRESS_LIMIT);
  if (addressUntil) return { reason: "address", until: addressUntil };
  const pairUntil = await freedAt(and(eq(signInFailures.email, email), eq(signInFailures.ip, address), recent), PAIR_LIMIT);
  if (pairUntil) return { reason: "locked", until: pairUntil };

  const [all] = await db.select({ n: count() }).from(signInFailures).where(and(eq(signInFailures.email, email), recent));
  const delay = slowDownDelayMs(all?.n ?? 0);
  if (delay > 0) {
    const [last] = await db
      .select({ at: signInFailures.createdAt })
      .from(signInFailures)
      .where(and(eq(signInFailures.email, email), eq(signInFailures.ip, address), recent))
      .orderBy(desc(signInFailures.createdAt))
      .limit(1);
    const until = last ? new Date(last.at.getTime() + delay) : null;
    if (until && until > now) return { reason: "slowed", until };
  }
  return null;
}

/**
 * Reserves one attempt before its password is checked: refused, or written down as a failure until proven right.
 * Serialised per address and per e-mail in the database (transaction-scoped advisory locks, always taken in that
 * order), so a burst of parallel attempts, on one app instance or many, is counted one by one and stopped at the
 * limit; the slow password hash runs after the lock is released.
 */
export async function reserveAttempt(db: Db, email: string, ip: string | null, now = new Date()): Promise<Reservation> {
  const address = addressOf(ip);
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(1, hashtext(${address}))`);
    await tx.execute(sql`select pg_advisory_xact_lock(2, hashtext(${email}))`);
    const refusal = await refusalFor(tx, email, ip, now);
    if (refusal) return { ok: false as const, refusal };
    const [row] = await tx
      .insert(signInFailures)
      .values({ email, ip: address, createdAt: now })
      .returning({ id: signInFailures.id });
    return { ok: true as const, attemptId: row!.id };
  });
}

/**
 * The password was right: this attempt's own reservation goes. Earlier failures stay until they age out, so
 * signing in between guesses resets nothing.
 */
export async function releaseAttempt(db: Executor, attemptId: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.id, attemptId));
}

/** Drops failures long past the window; called now and then by sign-ins, so no scheduler is needed. */
export async function sweepFailures(db: Executor, now = new Date()): Promise<void> {
  await db.delete(signInFailures).where(lt(signInFailures.createdAt, new Date(now.getTime() - 24 * 3600_000)));
}
