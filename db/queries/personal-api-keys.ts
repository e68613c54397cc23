import "server-only";
import { and, desc, eq } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { organizations, personalApiKeys } from "@/db/schema";

export type PersonalKeyStatus = "enabled" | "turned_off" | "regenerated" | "cleared" | "none";

export interface PersonalKeyState {
  status: PersonalKeyStatus;
  key: {
    id: string;
    prefix: string;
    createdAt: Date;
    expiresAt: Date | null;
    lastUsedAt: Date | null;
    revokedAt: Date | null;
    revokedByLabel: string | null;
    revokedByKeyward: boolean;
  } | null;
}

/** The person's newest key and what became of it: the state the API Access tab and API Management show. */
export async function getPersonalKeyState(db: Executor, organizationId: string, userId: string): Promise<PersonalKeyState> {
  const [key] = await db
    .select({
      id: personalApiKeys.id,
      prefix: personalApiKeys.prefix,
      createdAt: personalApiKeys.createdAt,
      expiresAt: personalApiKeys.expiresAt,
      lastUsedAt: personalApiKeys.lastUsedAt,
      revokedAt: personalApiKeys.revokedAt,
      revokedByLabel: personalApiKeys.revokedByLabel,
      revokedByKeyward: personalApiKeys.revokedByKeyward,
      revokeReason: personalApiKeys.revokeReason,
    })
    .from(personalApiKeys)
    .where(and(eq(personalApiKeys.organizationId, organizationId), eq(personalApiKeys.userId, userId)))
    .orderBy(desc(personalApiKeys.createdAt))
    .limit(1);
  if (!key) return { status: "none", key: null };
  const { revokeReason, ...rest } = key;
  return { status: key.revokedAt ? (revokeReason ?? "turned_off") : "enabled", key: rest };
}

export async function personalKeysAllowed(db: Executor, organizationId: string): Promise<boolean> {
  return (await getPersonalKeyRules(db, organizationId)).allowed;
}

/** Whether the organisation allows personal keys, and their Maximum personal key lifetime (null: No limit). */
export async function getPersonalKeyRules(db: Executor, organizationId: string) {
  const [org] = await db
    .select({ allowed: organizations.allowPersonalApiKeys, maxDays: organizations.maxPersonalKeyLifetimeDays })
    .from(organizations)
    .where(eq(organizations.id, organizationId));
  return { allowed: org?.allowed ?? false, maxDays: org?.maxDays ?? null };
}
