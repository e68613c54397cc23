import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { userSessions } from "@/db/schema";
import type { RequestMeta } from "@/lib/request-meta";

export async function startSession(db: Db, userId: string, meta: RequestMeta): Promise<string> {
  const [session] = await db
    .insert(userSessions)
    .values({ userId, ip: meta.ip, userAgent: meta.userAgent })
    .returning({ id: userSessions.id });
  return session!.id;
}

export async function revokeSession(db: Db, sessionId: string): Promise<void> {
  await db
    .update(userSessions)
    .set({ revokedAt: new Date() })
    .where(and(eq(userSessions.id, sessionId), isNull(userSessions.revokedAt)));
}
