import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { preparedPerDb } from "@/db/prepared";
import { accessCodes, apiKeys, organizations, userRoles, users } from "@/db/schema";
import { permissionsFor } from "@/lib/auth/permissions";
import type { Role } from "@/lib/auth/roles";
import { hashSecret } from "@/lib/secrets";
import { API_POLICY_NAMES, policiesForPermissions, WRITE_POLICIES, type ApiPolicy } from "../policies";
import type { Refusal } from "../refusals";
import type { CredentialResolver, FailedAttempt } from "./types";
import { cachedLookup } from "./verification-cache";

/** Header naming, by slug, the organisation a linked key's access code acts in; without it, it acts in its own. */
export const ACCOUNT_HEADER = "x-keyward-account";

/**
 * The policies a key grants now: its own, minus write policies while the organisation disallows them, and — when it
 * impersonates a person — only those the person's current roles allow too. `native` stands for every policy.
 */
export function effectivePolicies(
  keyPolicies: readonly string[],
  options: { allowWritePolicies: boolean; personPolicies: readonly ApiPolicy[] | null },
): ApiPolicy[] {
  let held = API_POLICY_NAMES.filter((p) => keyPolicies.includes(p));
  if (!options.allowWritePolicies) held = held.filter((p) => !WRITE_POLICIES.includes(p));
  if (options.personPolicies) {
    const person = options.personPolicies;
    const keyAll = held.includes("native");
    held = API_POLICY_NAMES.filter((p) => p !== "native" && (keyAll || held.includes(p)) && person.includes(p));
  }
  return held;
}

/**
 * Access codes, generated (`kwak_…`) or custom (any other value): found by their SHA-256 alone, then checked —
 * enabled, not expired, key not archived — on every request. Lookups go through the ≤ 1 s verification cache,
 * which every revocation clears, so revocation is effective on the next request.
 */
export const resolveAccessCode: CredentialResolver = async (secret, { db, account }) => {
  const hash = hashSecret(secret);
  const code = await cachedLookup(`code:${hash}`, async () => (await codeByHash(db).execute({ hash }))[0]);
  if (!code) return { ok: false, refusal: "invalid" };
  const owner = await cachedLookup(`key:${code.apiKeyId}`, async () => (await keyById(db).execute({ id: code.apiKeyId }))[0]);
  const row = owner ? { ...code, ...owner } : undefined;
  if (!row) return { ok: false, refusal: "invalid" };

  const attempt = (organizationId: string, apiKeyId: string): FailedAttempt => ({
    organizationId,
    apiKeyId,
    accessCodePrefix: row.prefix,
    credentialKind: "access_code",
    credentialId: row.codeId,
  });
  const refuse = (refusal: Refusal) => ({ ok: false as const, refusal, attempt: attempt(row.org.id, row.key.id) });
  if (!row.enabled) return refuse("disabled");
  if (row.expiresAt.getTime() <= Date.now()) return refuse("expired");
  if (row.key.archivedAt) return refuse("archived");

  // A linked key: the source key's code acts in the linking organisation, within the link's policies.
  let key = row.key;
  let org = row.org;
  if (account && account !== row.org.slug) {
    const link = await cachedLookup(`link:${row.key.id}:${account}`, async () => {
      const [found] = await selectKeyWithOrganization(db)
      .where(and(eq(apiKeys.linkedKeyId, row.key.id), eq(organizations.slug, account), isNull(apiKeys.archivedAt)));
      return found;
    });
    if (!link) return refuse("not_linked");
    key = link.key;
    org = link.org;
  }

  let user: { id: string; email: string; name: string } | null = null;
  let personPolicies: ApiPolicy[] | null = null;
  if (key.actsAsUserId) {
    // The person's roles as they are now: a removed role narrows the key on the very next request.
    const rows = await db
      .select({ id: users.id, email: users.email, name: users.name, role: userRoles.role })
      .from(users)
      .leftJoin(userRoles, eq(userRoles.userId, users.id))
      .where(and(eq(users.id, key.actsAsUserId), eq(users.organizationId, org.id)));
    const roles = rows.flatMap((r) => (r.role ? [r.role as Role] : []));
    user = rows[0] ? { id: rows[0].id, email: rows[0].email, name: rows[0].name } : null;
    personPolicies = user ? policiesForPermissions(permissionsFor(roles)) : [];
  }

  return {
    ok: true,
    allowQueryStringKeys: org.allowQueryStringKeys,
    allowedIps: key === row.key ? [key.allowedIps] : [row.key.allowedIps, key.allowedIps],
    rateLimits: (key === row.key ? [key] : [row.key, key]).flatMap((k) =>
      k.rateLimit ? [{ subject: `api-key:${k.id}`, limit: k.rateLimit }] : [],
    ),
    principal: {
      organization: { id: org.id, slug: org.slug, name: org.name },
      credential: { kind: "access_code", id: row.codeId },
      user,
      policies: effectivePolicies(key.policies, { allowWritePolicies: org.allowWritePolicies, personPolicies }),
      apiKeyId: key.id,
      accessCodePrefix: row.prefix,
      logging: { requests: key.logRequests, bodies: key.logBodies },
      auditLabel: `${key.name} (API key)`,
    },
  };
};

// Two small lookups rather than one join: an unknown secret costs exactly one indexed probe of access_codes.
const codeByHash = preparedPerDb((db) =>
  db
    .select({
      codeId: accessCodes.id,
      apiKeyId: accessCodes.apiKeyId,
      enabled: accessCodes.enabled,
      expiresAt: accessCodes.expiresAt,
      prefix: accessCodes.displayPrefix,
    })
    .from(accessCodes)
    .where(eq(accessCodes.secretHash, sql.placeholder("hash")))
    .prepare("access_code_by_hash"),
);

const keyById = preparedPerDb((db) =>
  selectKeyWithOrganization(db).where(eq(apiKeys.id, sql.placeholder("id"))).prepare("api_key_with_organization_by_id"),
);

/** A key with what the resolver needs of it and of its organisation, as one join. */
function selectKeyWithOrganization(db: Db) {
  return db
    .select({
      key: {
        id: apiKeys.id,
        publicId: apiKeys.publicId,
        name: apiKeys.name,
        policies: apiKeys.policies,
        logRequests: apiKeys.logRequests,
        logBodies: apiKeys.logBodies,
        allowedIps: apiKeys.allowedIps,
        rateLimit: apiKeys.rateLimit,
        actsAsUserId: apiKeys.actsAsUserId,
        archivedAt: apiKeys.archivedAt,
      },
      org: {
        id: organizations.id,
        slug: organizations.slug,
        name: organizations.name,
        allowWritePolicies: organizations.allowWritePolicies,
        allowQueryStringKeys: organizations.allowQueryStringKeys,
      },
    })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId));
}
