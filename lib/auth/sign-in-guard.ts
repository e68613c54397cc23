import "server-only";
import { and, asc, count, eq, gt } from "drizzle-orm";
import type { Db } from "@/db/client";
import { signInFailures } from "@/db/schema";

export const MAX_FAILURES = 5;
export const FAILURE_WINDOW_MS = 15 * 60 * 1000;

/** When the e-mail may try again, or null if it is not locked out. */
export async function lockedUntil(db: Db, email: string, now = new Date()): Promise<Date | null> {
  const since = new Date(now.getTime() - FAILURE_WINDOW_MS);
  const recent = and(eq(signInFailures.email, email), gt(signInFailures.createdAt, since));
  const [row] = await db.select({ n: count() }).from(signInFailures).where(recent);
  if ((row?.n ?? 0) < MAX_FAILURES) return null;
  // Locked until enough of the window's failures have aged out to drop below the limit.
  const failures = await db
    .select({ at: signInFailures.createdAt })
    .from(signInFailures)
    .where(recent)
    .orderBy(asc(signInFailures.createdAt));
  const freeing = failures[failures.length - MAX_FAILURES];
  return freeing ? new Date(freeing.at.getTime() + FAILURE_WINDOW_MS) : null;
}

export async function recordFailure(db: Db, email: string, ip: string | null): Promise<void> {
  await db.insert(signInFailures).values({ email, ip });
}

export async function clearFailures(db: Db, email: string): Promise<void> {
  await db.delete(signInFailures).where(eq(signInFailures.email, email));
}
