import "server-only";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Db, Executor } from "@/db/client";
import { userSessions, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { env } from "@/lib/env";
import type { RequestMeta } from "@/lib/request-meta";

export interface SessionLimits {
  /** A session ends this long after sign-in, however busy. */
  lifetimeMs: number;
  /** …and this long after its last request. */
  idleMs: number;
}

export function sessionLimits(): SessionLimits {
  const { KEYWARD_SESSION_LIFETIME_HOURS, KEYWARD_SESSION_IDLE_MINUTES } = env();
  return { lifetimeMs: KEYWARD_SESSION_LIFETIME_HOURS * 3600_000, idleMs: KEYWARD_SESSION_IDLE_MINUTES * 60_000 };
}

/** How a person signed in, for the audit event. */
export type SignInMethod = { method: "password" } | { method: "sso"; issuer: string };

/** Opens a session row for a person who just proved who they are, with its `session.signed_in` event. */
export async function startSession(db: Db, userId: string, meta: RequestMeta, how: SignInMethod): Promise<string> {
  return db.transaction(async (tx) => {
    const [person] = await tx
      .select({ name: users.name, organizationId: users.organizationId })
      .from(users)
      .where(eq(users.id, userId));
    const [session] = await tx
      .insert(userSessions)
      .values({ userId, ip: meta.ip, userAgent: meta.userAgent })
      .returning({ id: userSessions.id });
    if (person) {
      await writeAudit(
        tx,
        { type: "user", id: userId, label: person.name, organizationId: person.organizationId },
        { action: "session.signed_in", target: { id: session!.id, label: null }, metadata: { ...how } },
        meta,
      );
    }
    return session!.id;
  });
}

// Writing "last seen" on every request would turn each page view into a write; a minute's precision is enough
// for an idle timeout counted in minutes.
const TOUCH_EVERY_MS = 60_000;

/**
 * Whether the session row lets this request in: not revoked, younger than the absolute lifetime, and used within
 * the idle timeout. A live session's "last seen" moves forward. Checked on every request, so a stolen or
 * forgotten cookie stops working however often it is re-issued.
 */
export async function isSessionLive(
  db: Executor,
  sessionId: string,
  userId: string,
  now = new Date(),
  limits = sessionLimits(),
): Promise<boolean> {
  const [row] = await db
    .select({ lastSeenAt: userSessions.lastSeenAt })
    .from(userSessions)
    .where(
      and(
        eq(userSessions.id, sessionId),
        eq(userSessions.userId, userId),
        isNull(userSessions.revokedAt),
        gt(userSessions.createdAt, new Date(now.getTime() - limits.lifetimeMs)),
        gt(userSessions.lastSeenAt, new Date(now.getTime() - limits.idleMs)),
      ),
    );
  if (!row) return false;
  if (now.getTime() - row.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db
      .update(userSessions)
      .set({ lastSeenAt: now })
      .where(and(eq(userSessions.id, sessionId), lt(userSessions.lastSeenAt, now)));
  }
  return true;
}

export async function revokeSession(db: Executor, sessionId: string): Promise<void> {
  await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
}
