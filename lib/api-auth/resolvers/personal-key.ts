import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { organizations, personalApiKeys, userRoles, users } from "@/db/schema";
import { permissionsFor } from "@/lib/auth/permissions";
import { sortRoles } from "@/lib/auth/roles";
import { hashSecret } from "@/lib/secrets";
import { personalKeyPolicies, policiesForPermissions } from "../policies";
import type { CredentialResolver } from "./types";

/**
 * A personal key acts as its person, with the person's permissions as they are now: roles are read on every
 * request, so a role removed in the console is gone on the very next call. Like every credential, it holds the
 * organisation-wide write policies only while Allow write policies is on.
 */
export const resolvePersonalKey: CredentialResolver = async (secret, { db, now: clock }) => {
  const [row] = await db
    .select({
      keyId: personalApiKeys.id,
      lastUsedAt: personalApiKeys.lastUsedAt,
      expiresAt: personalApiKeys.expiresAt,
      userId: users.id,
      email: users.email,
      name: users.name,
      orgId: organizations.id,
      orgSlug: organizations.slug,
      orgName: organizations.name,
      allowPersonalApiKeys: organizations.allowPersonalApiKeys,
      allowQueryStringKeys: organizations.allowQueryStringKeys,
      allowWritePolicies: organizations.allowWritePolicies,
      rateLimit: organizations.personalKeyRateLimit,
    })
    .from(personalApiKeys)
    .innerJoin(users, eq(users.id, personalApiKeys.userId))
    .innerJoin(organizations, eq(organizations.id, personalApiKeys.organizationId))
    .where(and(eq(personalApiKeys.keyHash, hashSecret(secret)), isNull(personalApiKeys.revokedAt)));
  if (!row) return { ok: false, refusal: "invalid" };
  if (!row.allowPersonalApiKeys) return { ok: false, refusal: "personal_keys_off" };
  const now = clock ?? new Date();
  if (row.expiresAt && row.expiresAt.getTime() <= now.getTime()) return { ok: false, refusal: "personal_key_expired" };

  const roles = sortRoles((await db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, row.userId))).map((r) => r.role));
  // "Last used" to the second is plenty; skipping most writes keeps a busy key from hammering one row.
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > 1000) {
    await db.update(personalApiKeys).set({ lastUsedAt: now }).where(eq(personalApiKeys.id, row.keyId));
  }
  return {
    ok: true,
    allowQueryStringKeys: row.allowQueryStringKeys,
    // Each person's key has a budget of its own under the organisation's one limit.
    rateLimits: row.rateLimit ? [{ subject: `personal-key:${row.keyId}`, limit: row.rateLimit }] : [],
    principal: {
      organization: { id: row.orgId, slug: row.orgSlug, name: row.orgName },
      credential: { kind: "personal_key", id: row.keyId },
      user: { id: row.userId, email: row.email, name: row.name },
      policies: personalKeyPolicies(policiesForPermissions(permissionsFor(roles)), row.allowWritePolicies),
      apiKeyId: null,
      logging: { requests: false, bodies: false },
      auditLabel: row.name,
    },
  };
};
