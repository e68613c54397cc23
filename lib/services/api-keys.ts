import "server-only";
import { and, count, eq, isNull, ne, sql } from "drizzle-orm";
import type { Db, Executor } from "@/db/client";
import { accessCodes, apiKeys, organizations, userRoles, users } from "@/db/schema";
import { API_POLICY_NAMES, grants, policiesForPermissions, WRITE_POLICIES, type ApiPolicy } from "@/lib/api-auth/policies";
import { effectivePolicies } from "@/lib/api-auth/resolvers/access-code";
import { invalidateVerificationCache } from "@/lib/api-auth/resolvers/verification-cache";
import { customValueStrengthProblem } from "@/lib/api-keys/custom-value-strength";
import { systemActor, writeAudit } from "@/lib/audit";
import type { Author } from "@/lib/author";
import { permissionsFor } from "@/lib/auth/permissions";
import type { RequestMeta } from "@/lib/request-meta";
import { fail, ok, type Failure, type Result } from "@/lib/result";
import { displayPrefix, generatePublicId, generateSecret, hashSecret } from "@/lib/secrets";
import {
  ACCESS_CODES_PER_KEY,
  MAX_CODE_VALIDITY_DAYS,
  type CreateApiKeyData,
  type LinkApiKeyData,
  type UpdateApiKeyData,
} from "@/lib/validators/api-keys";

export const WRITE_POLICIES_OFF =
  "Write policies are turned off for this organisation. An Administrator can allow them in Administration → Settings.";
const NOT_LINKABLE = "This API key ID cannot be linked. Check the ID with the key's owner.";
/**
 * The same answer whichever organisation holds the value: it says nothing about anyone else. Only values that have
 * passed the strength check get this far, so nobody can use it to probe for guessable codes.
 */
const VALUE_UNAVAILABLE = "This value cannot be used. Choose another, or let Keyward generate the code.";

const DAY = 24 * 60 * 60 * 1000;

/** Every change here may revoke or narrow a credential: the verification cache is cleared once it has committed. */
async function revoking<T>(change: Promise<T>): Promise<T> {
  try {
    return await change;
  } finally {
    invalidateVerificationCache();
  }
}

/** The label a custom value shows in tables and logs: its first four characters only. */
export const customDisplayPrefix = (value: string) => `${value.slice(0, 4)}…`;

async function getOrganization(tx: Executor, organizationId: string) {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, organizationId));
  return org!;
}

function writePolicyProblem(policies: readonly string[], allowWrite: boolean): Failure | null {
  if (allowWrite) return null;
  const restricted = policies.filter((p) => WRITE_POLICIES.includes(p as ApiPolicy));
  return restricted.length ? fail("invalid", `${WRITE_POLICIES_OFF} (${restricted.join(", ")})`, "policies") : null;
}

async function personInOrganization(tx: Executor, organizationId: string, userId: string | null) {
  if (!userId) return null;
  const [person] = await tx
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organizationId, organizationId)));
  return person ?? null;
}

/**
 * For changes made through the API: the policies of the credential making them. Whatever a key may do after the
 * change must be within them, so a credential can never make a key more powerful than itself.
 */
export interface ChangeLimits {
  ceiling?: readonly ApiPolicy[];
}

/** A change refused because the key would hold `policy`, which the credential making it does not. */
export interface MissingPolicy extends Failure {
  reason: "forbidden";
  policy: ApiPolicy;
}

export const isMissingPolicy = (failure: Failure): failure is MissingPolicy => "policy" in failure;

/**
 * The first policy, in catalogue order, that a key would hold after a change and `ceiling` does not grant: among
 * those it declares and those it would act with (its own, within the organisation's settings and, when it acts as
 * someone, that person's current permissions). Declared ones count too, so nothing is planted that a later role
 * change would switch on.
 */
async function beyondCeiling(
  tx: Executor,
  org: { id: string; allowWritePolicies: boolean },
  after: { policies: readonly string[]; actsAsUserId: string | null },
  ceiling: readonly ApiPolicy[] | undefined,
): Promise<MissingPolicy | null> {
  if (!ceiling) return null;
  let personPolicies: ApiPolicy[] | null = null;
  if (after.actsAsUserId) {
    const rows = await tx
      .select({ role: userRoles.role })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(eq(userRoles.userId, after.actsAsUserId), eq(users.organizationId, org.id)));
    personPolicies = policiesForPermissions(permissionsFor(rows.map((r) => r.role)));
  }
  const effective = effectivePolicies(after.policies, { allowWritePolicies: org.allowWritePolicies, personPolicies });
  const held = API_POLICY_NAMES.filter((p) => after.policies.includes(p) || effective.includes(p));
  const missing = held.find((p) => !grants(ceiling, p));
  if (!missing) return null;
  return {
    ...fail("forbidden", `This credential does not have the ${missing} policy, which the key would hold after this change.`),
    reason: "forbidden",
    policy: missing,
  };
}

async function nameTaken(tx: Executor, organizationId: string, name: string, exceptId?: string) {
  const [row] = await tx
    .select({ id: apiKeys.id })
    .from(apiKeys)
    .where(
      and(
        eq(apiKeys.organizationId, organizationId),
        sql`lower(${apiKeys.name}) = lower(${name})`,
        exceptId ? ne(apiKeys.id, exceptId) : undefined,
      ),
    );
  return Boolean(row);
}

const KEY_NOT_FOUND = fail("not_found", "No API key with this id in your organisation.");
const NAME_TAKEN = "An API key with this name already exists in your organisation.";

/** The key of `organizationId` with public id `publicId`, locked for the rest of the transaction. */
async function lockKey(tx: Executor, organizationId: string, publicId: string) {
  const [key] = await tx
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.organizationId, organizationId), eq(apiKeys.publicId, publicId)))
    .for("update");
  return key ?? null;
}

export interface IssuedCode {
  id: string;
  secret: string;
  prefix: string;
  expiresAt: Date;
}

async function insertCode(
  tx: Executor,
  input: { apiKeyId: string; description: string; validDays: number; createdById: string | null; secret?: string },
): Promise<IssuedCode> {
  const secret = input.secret ?? generateSecret("access_code");
  const prefix = input.secret ? customDisplayPrefix(secret) : displayPrefix(secret);
  const expiresAt = new Date(Date.now() + input.validDays * DAY);
  const [code] = await tx
    .insert(accessCodes)
    .values({
      apiKeyId: input.apiKeyId,
      description: input.description,
      secretHash: hashSecret(secret),
      displayPrefix: prefix,
      expiresAt,
      createdById: input.createdById,
    })
    .returning({ id: accessCodes.id });
  return { id: code!.id, secret, prefix, expiresAt };
}

export type CreatedApiKey = { key: { id: string; publicId: string; name: string }; code: IssuedCode };

/** Creates a key and its first access code, with both audit events, in one transaction. */
export async function createApiKey(
  db: Db,
  author: Author,
  input: CreateApiKeyData,
  meta: RequestMeta,
  limits: ChangeLimits = {},
): Promise<Result<CreatedApiKey>> {
  const organizationId = author.audit.organizationId;
  return revoking(db.transaction(async (tx) => {
    const org = await getOrganization(tx, organizationId);
    const problem = writePolicyProblem(input.policies, org.allowWritePolicies);
    if (problem) return problem;
    if (await nameTaken(tx, organizationId, input.name)) return fail("conflict", NAME_TAKEN, "name");
    if (input.actsAsUserId && !(await personInOrganization(tx, organizationId, input.actsAsUserId))) {
      return fail("invalid", "Choose a person of your organisation.", "actsAsUserId");
    }
    const widening = await beyondCeiling(tx, org, input, limits.ceiling);
    if (widening) return widening;
    const custom = input.keyValue === "custom" ? input.customValue! : undefined;
    if (custom) {
      // Strength first: a guessable value is refused for what it is, before anything is looked up.
      const weak = customValueStrengthProblem(custom);
      if (weak) return fail("invalid", weak, "customValue");
      const [used] = await tx.select({ id: accessCodes.id }).from(accessCodes).where(eq(accessCodes.secretHash, hashSecret(custom)));
      if (used) return fail("conflict", VALUE_UNAVAILABLE, "customValue");
    }
    const [key] = await tx
      .insert(apiKeys)
      .values({
        organizationId,
        publicId: generatePublicId("kwk_"),
        name: input.name,
        description: input.description,
        tags: input.tags,
        policies: input.policies,
        logRequests: input.logRequests,
        logBodies: input.logBodies,
        actsAsUserId: input.actsAsUserId,
        createdById: author.userId,
      })
      .returning({ id: apiKeys.id, publicId: apiKeys.publicId, name: apiKeys.name });
    const code = await insertCode(tx, {
      apiKeyId: key!.id,
      description: "First access code",
      validDays: MAX_CODE_VALIDITY_DAYS,
      createdById: author.userId,
      secret: custom,
    });
    await writeAudit(
      tx,
      author.audit,
      {
        action: "api_key.created",
        target: { id: key!.publicId, label: key!.name },
        metadata: {
          policies: input.policies,
          tags: input.tags,
          actsAsUserId: input.actsAsUserId,
          logRequests: input.logRequests,
          logBodies: input.logBodies,
          keyValue: input.keyValue,
        },
      },
      meta,
    );
    await writeAudit(
      tx,
      author.audit,
      {
        action: "access_code.created",
        target: { id: code.id, label: code.prefix },
        metadata: { apiKeyId: key!.publicId, expiresAt: code.expiresAt.toISOString() },
      },
      meta,
    );
    return ok({ key: key!, code });
  }));
}

export type LinkedApiKey = { key: { id: string; publicId: string; name: string } };

/**
 * Links another organisation's key into this one. The answer never says more about the other key than "this id
 * can be linked": unknown, archived, already-a-link and foreign all read the same.
 */
export async function linkApiKey(db: Db, author: Author, input: LinkApiKeyData, meta: RequestMeta): Promise<Result<LinkedApiKey>> {
  const organizationId = author.audit.organizationId;
  return revoking(db.transaction(async (tx) => {
    const org = await getOrganization(tx, organizationId);
    const problem = writePolicyProblem(input.policies, org.allowWritePolicies);
    if (problem) return problem;
    const [source] = await tx
      .select({ id: apiKeys.id, organizationId: apiKeys.organizationId, publicId: apiKeys.publicId })
      .from(apiKeys)
      .where(and(eq(apiKeys.publicId, input.sourceKeyId), isNull(apiKeys.archivedAt), isNull(apiKeys.linkedKeyId)));
    if (!source || source.organizationId === organizationId) {
      return fail(
        "not_found",
        source ? "This key already belongs to your organisation: use it directly." : NOT_LINKABLE,
        "sourceKeyId",
      );
    }
    const [existing] = await tx
      .select({ id: apiKeys.id })
      .from(apiKeys)
      .where(and(eq(apiKeys.organizationId, organizationId), eq(apiKeys.linkedKeyId, source.id)));
    if (existing) return fail("conflict", "Your organisation already links this key.", "sourceKeyId");
    const name = input.name || `Linked ${source.publicId}`;
    if (await nameTaken(tx, organizationId, name)) return fail("conflict", NAME_TAKEN, "name");
    const [key] = await tx
      .insert(apiKeys)
      .values({
        organizationId,
        publicId: generatePublicId("kwk_"),
        name,
        policies: input.policies,
        linkedKeyId: source.id,
        createdById: author.userId,
      })
      .returning({ id: apiKeys.id, publicId: apiKeys.publicId, name: apiKeys.name });
    await writeAudit(
      tx,
      author.audit,
      {
        action: "api_key.linked",
        target: { id: key!.publicId, label: key!.name },
        metadata: { sourceKeyId: source.publicId, policies: input.policies },
      },
      meta,
    );
    return ok({ key: key! });
  }));
}


/** Changes a key's details; the audit event lists the fields that changed, before and after. */
export async function updateApiKey(
  db: Db,
  author: Author,
  publicId: string,
  input: UpdateApiKeyData,
  meta: RequestMeta,
  limits: ChangeLimits = {},
): Promise<Result<{ publicId: string; name: string }>> {
  const organizationId = author.audit.organizationId;
  return revoking(db.transaction(async (tx) => {
    const org = await getOrganization(tx, organizationId);
    const key = await lockKey(tx, organizationId, publicId);
    if (!key) return KEY_NOT_FOUND;
    if (key.archivedAt) return fail("conflict", "An archived key cannot be changed.");
    if (input.policies) {
      // Only newly added write policies are refused: a key keeps what it had, but they act only while allowed.
      const added = input.policies.filter((p) => !key.policies.includes(p));
      const problem = writePolicyProblem(added, org.allowWritePolicies);
      if (problem) return problem;
      if (key.linkedKeyId && input.policies.length === 0) {
        return fail("invalid", "Choose at least one policy: a linked key needs one.", "policies");
      }
    }
    if (input.name !== undefined && (await nameTaken(tx, organizationId, input.name, key.id))) {
      return fail("conflict", NAME_TAKEN, "name");
    }
    if (input.actsAsUserId && !(await personInOrganization(tx, organizationId, input.actsAsUserId))) {
      return fail("invalid", "Choose a person of your organisation.", "actsAsUserId");
    }
    // Judged on the key as it would be, not on what the request adds: dropping "acts as" widens a key too.
    const widening = await beyondCeiling(
      tx,
      org,
      {
        policies: input.policies ?? key.policies,
        actsAsUserId: input.actsAsUserId !== undefined ? input.actsAsUserId : key.actsAsUserId,
      },
      limits.ceiling,
    );
    if (widening) return widening;
    const changes: Record<string, { before: unknown; after: unknown }> = {};
    const set: Partial<typeof apiKeys.$inferInsert> = {};
    const fields = ["name", "description", "tags", "policies", "logRequests", "logBodies", "actsAsUserId", "allowedIps", "rateLimit"] as const;
    for (const field of fields) {
      const next = input[field];
      if (next === undefined) continue;
      const before = key[field];
      if (JSON.stringify(before) === JSON.stringify(next)) continue;
      changes[field] = { before, after: next };
      (set as Record<string, unknown>)[field] = next;
    }
    if (Object.keys(changes).length === 0) return ok({ publicId, name: key.name });
    await tx.update(apiKeys).set(set).where(eq(apiKeys.id, key.id));
    const name = input.name ?? key.name;
    await writeAudit(
      tx,
      author.audit,
      { action: "api_key.updated", target: { id: publicId, label: name }, metadata: { changes } },
      meta,
    );
    return ok({ publicId, name });
  }));
}

/** Archives a key: every request with its codes (and through its links) fails from the next one on. */
export async function archiveApiKey(db: Db, author: Author, publicId: string, meta: RequestMeta): Promise<Result> {
  return revoking(db.transaction(async (tx) => {
    const key = await lockKey(tx, author.audit.organizationId, publicId);
    if (!key) return KEY_NOT_FOUND;
    if (key.archivedAt) return fail("conflict", "This key is already archived.");
    await tx
      .update(apiKeys)
      .set({ archivedAt: new Date(), archivedById: author.userId, archivedByLabel: author.audit.label })
      .where(eq(apiKeys.id, key.id));
    await writeAudit(
      tx,
      author.audit,
      { action: "api_key.archived", target: { id: publicId, label: key.name } },
      meta,
    );
    return ok();
  }));
}

/**
 * Deletes a key with its access codes. Links to it in other organisations go with it (foreign key cascade); each
 * of those organisations gets its own audit event, so their Administrators learn why their link vanished.
 */
export async function deleteApiKey(db: Db, author: Author, publicId: string, meta: RequestMeta): Promise<Result> {
  return revoking(db.transaction(async (tx) => {
    const key = await lockKey(tx, author.audit.organizationId, publicId);
    if (!key) return KEY_NOT_FOUND;
    const links = await tx
      .select({ organizationId: apiKeys.organizationId, publicId: apiKeys.publicId, name: apiKeys.name })
      .from(apiKeys)
      .where(eq(apiKeys.linkedKeyId, key.id));
    await tx.delete(apiKeys).where(eq(apiKeys.id, key.id));
    await writeAudit(
      tx,
      author.audit,
      { action: "api_key.deleted", target: { id: publicId, label: key.name } },
      meta,
    );
    for (const link of links) {
      await writeAudit(
        tx,
        systemActor(link.organizationId),
        {
          action: "api_key.deleted",
          target: { id: link.publicId, label: link.name },
          metadata: { reason: "The linked key was deleted by its owner." },
        },
        { ip: null, userAgent: null },
      );
    }
    return ok();
  }));
}

export type CreatedAccessCode = { code: IssuedCode; key: { publicId: string; name: string } };

/**
 * Issues an access code. The key row is locked FOR UPDATE before counting, so two concurrent creates serialise and
 * the second one sees the first: a key never gets a third code.
 */
export async function createAccessCode(
  db: Db,
  author: Author,
  publicId: string,
  input: { description: string; validDays: number },
  meta: RequestMeta,
): Promise<Result<CreatedAccessCode>> {
  return revoking(db.transaction(async (tx) => {
    const key = await lockKey(tx, author.audit.organizationId, publicId);
    if (!key) return KEY_NOT_FOUND;
    if (key.archivedAt) return fail("conflict", "An archived key cannot get new access codes.");
    if (key.linkedKeyId) {
      return fail("conflict", "A linked key has no access codes of its own: use the code given by the source key's owner.");
    }
    const [row] = await tx.select({ n: count() }).from(accessCodes).where(eq(accessCodes.apiKeyId, key.id));
    if ((row?.n ?? 0) >= ACCESS_CODES_PER_KEY) {
      return fail(
        "conflict",
        `A key can have at most ${ACCESS_CODES_PER_KEY} access codes. Disable and delete one before creating another.`,
      );
    }
    const code = await insertCode(tx, {
      apiKeyId: key.id,
      description: input.description,
      validDays: input.validDays,
      createdById: author.userId,
    });
    await writeAudit(
      tx,
      author.audit,
      {
        action: "access_code.created",
        target: { id: code.id, label: code.prefix },
        metadata: { apiKeyId: publicId, description: input.description, expiresAt: code.expiresAt.toISOString() },
      },
      meta,
    );
    return ok({ code, key: { publicId, name: key.name } });
  }));
}

async function lockCode(tx: Executor, organizationId: string, publicId: string, codeId: string) {
  const key = await lockKey(tx, organizationId, publicId);
  if (!key) return null;
  const [code] = await tx
    .select()
    .from(accessCodes)
    .where(and(eq(accessCodes.id, codeId), eq(accessCodes.apiKeyId, key.id)));
  return code ? { key, code } : null;
}

/** Turns a code on or off; off refuses it from the next request on. */
export async function setAccessCodeEnabled(
  db: Db,
  author: Author,
  publicId: string,
  codeId: string,
  enabled: boolean,
  meta: RequestMeta,
): Promise<Result> {
  return revoking(db.transaction(async (tx) => {
    const found = await lockCode(tx, author.audit.organizationId, publicId, codeId);
    if (!found) return fail("not_found", "Access code was not found.");
    if (found.code.enabled === enabled) return ok();
    await tx.update(accessCodes).set({ enabled }).where(eq(accessCodes.id, codeId));
    await writeAudit(
      tx,
      author.audit,
      {
        action: enabled ? "access_code.enabled" : "access_code.disabled",
        target: { id: codeId, label: found.code.displayPrefix },
        metadata: { apiKeyId: publicId },
      },
      meta,
    );
    return ok();
  }));
}

/** Changes a code's description; the secret, prefix and expiry stay as they are. */
export async function updateAccessCode(
  db: Db,
  author: Author,
  publicId: string,
  codeId: string,
  input: { description: string },
  meta: RequestMeta,
): Promise<Result> {
  return db.transaction(async (tx) => {
    const found = await lockCode(tx, author.audit.organizationId, publicId, codeId);
    if (!found) return fail("not_found", "Access code was not found.");
    if (found.code.description === input.description) return ok();
    await tx.update(accessCodes).set({ description: input.description }).where(eq(accessCodes.id, codeId));
    await writeAudit(
      tx,
      author.audit,
      {
        action: "access_code.updated",
        target: { id: codeId, label: found.code.displayPrefix },
        metadata: { apiKeyId: publicId, changes: { description: { before: found.code.description, after: input.description } } },
      },
      meta,
    );
    return ok();
  });
}

/** Deletes a code, which must be disabled first: disabling can be undone, so a code still in use shows up in time. */
export async function deleteAccessCode(
  db: Db,
  author: Author,
  publicId: string,
  codeId: string,
  meta: RequestMeta,
): Promise<Result> {
  return revoking(db.transaction(async (tx) => {
    const found = await lockCode(tx, author.audit.organizationId, publicId, codeId);
    if (!found) return fail("not_found", "Access code was not found.");
    if (found.code.enabled) return fail("conflict", "Disable the access code before deleting it.");
    await tx.delete(accessCodes).where(eq(accessCodes.id, codeId));
    await writeAudit(
      tx,
      author.audit,
      {
        action: "access_code.deleted",
        target: { id: codeId, label: found.code.displayPrefix },
        metadata: { apiKeyId: publicId },
      },
      meta,
    );
    return ok();
  }));
}
