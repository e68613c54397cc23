import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { getPerson } from "@/db/queries/people";
import { getPersonalKeyRules } from "@/db/queries/personal-api-keys";
import { personalApiKeys, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { AuditAction } from "@/lib/audit-catalogue";
import type { Author } from "@/lib/author";
import type { RequestMeta } from "@/lib/request-meta";
import { fail, ok, type Result } from "@/lib/result";
import { displayPrefix, generateSecret, hashSecret } from "@/lib/secrets";
import {
  allowedLifetimes,
  expiryOf,
  lifetimeAllowed,
  lifetimeRefusal,
  type PersonalKeyLifetime,
} from "@/lib/personal-key-lifetimes";

export interface IssuedKey {
  /** Shown once; only its hash is stored. */
  secret: string;
  prefix: string;
  createdAt: Date;
  expiresAt: Date | null;
}

export const PERSONAL_KEYS_OFF =
  "Your organisation has turned off personal API keys. An Administrator can allow them in Administration → Settings.";
const NO_ACCOUNT = fail("not_found", "Your account was not found.");

/** Locks the person's row: enabling, regenerating and turning off one person's key are serialised. */
async function lockPerson(tx: Tx, organizationId: string, userId: string) {
  const [person] = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organizationId, organizationId)))
    .for("update");
  return person ?? null;
}

/** Revokes the person's live key; with `keyId`, only when that key is still the live one. */
async function revokeLive(tx: Tx, userId: string, by: Author, reason: "turned_off" | "regenerated" | "cleared", keyId?: string) {
  const [revoked] = await tx
    .update(personalApiKeys)
    .set({
      revokedAt: new Date(),
      revokedById: by.userId,
      revokedByLabel: by.audit.label,
      revokedByKeyward: by.audit.type === "system",
      revokeReason: reason,
    })
    .where(
      and(eq(personalApiKeys.userId, userId), isNull(personalApiKeys.revokedAt), keyId ? eq(personalApiKeys.id, keyId) : undefined),
    )
    .returning({ id: personalApiKeys.id, prefix: personalApiKeys.prefix });
  return revoked ?? null;
}

async function insertKey(tx: Tx, organizationId: string, userId: string, lifetime: PersonalKeyLifetime) {
  const secret = generateSecret("personal_key");
  // One clock for both, so a 90-day key lasts exactly 90 days from "Enabled on".
  const createdAt = new Date();
  const [row] = await tx
    .insert(personalApiKeys)
    .values({
      organizationId,
      userId,
      keyHash: hashSecret(secret),
      prefix: displayPrefix(secret),
      createdAt,
      expiresAt: expiryOf(lifetime, createdAt),
    })
    .returning({
      id: personalApiKeys.id,
      prefix: personalApiKeys.prefix,
      createdAt: personalApiKeys.createdAt,
      expiresAt: personalApiKeys.expiresAt,
    });
  return { secret, ...row! };
}

/**
 * The lifetime of a new key under the organisation's rules, read in the issuing transaction: the browser's choice is
 * never trusted, so a crafted request for a longer lifetime (or none) than the maximum is refused here.
 */
async function lifetimeFor(tx: Tx, organizationId: string, asked: PersonalKeyLifetime | undefined): Promise<Result<PersonalKeyLifetime>> {
  const rules = await getPersonalKeyRules(tx, organizationId);
  if (!rules.allowed) return fail("forbidden", PERSONAL_KEYS_OFF);
  if (asked === undefined) return ok(allowedLifetimes(rules.maxDays)[0]!);
  if (rules.maxDays !== null && !lifetimeAllowed(asked, rules.maxDays)) {
    return fail("invalid", lifetimeRefusal(rules.maxDays), "lifetime");
  }
  return ok(asked);
}

const issued = (key: IssuedKey & { id: string }): IssuedKey => ({
  secret: key.secret,
  prefix: key.prefix,
  createdAt: key.createdAt,
  expiresAt: key.expiresAt,
});

const expiryMetadata = (key: { expiresAt: Date | null }) => ({ expiresAt: key.expiresAt?.toISOString() ?? null });

/**
 * Turns on the author's API access: a new `kwpk_` key, of which only the hash is stored.
 */
export async function enablePersonalKey(
  db: Db,
  author: Author,
  meta: RequestMeta,
  lifetime?: PersonalKeyLifetime,
): Promise<Result<IssuedKey>> {
  return db.transaction(async (tx) => {
    const person = author.userId ? await lockPerson(tx, author.audit.organizationId, author.userId) : null;
    if (!person) return NO_ACCOUNT;
    const chosen = await lifetimeFor(tx, author.audit.organizationId, lifetime);
    if (!chosen.ok) return chosen;
    const [live] = await tx
      .select({ id: personalApiKeys.id })
      .from(personalApiKeys)
      .where(and(eq(personalApiKeys.userId, person.id), isNull(personalApiKeys.revokedAt)));
    if (live) return fail("conflict", "API access is already enabled. Regenerate the key to get a new one.");
    const key = await insertKey(tx, author.audit.organizationId, person.id, chosen.value);
    await writeAudit(
      tx,
      author.audit,
      {
        action: "personal_api_key.enabled",
        target: { id: key.id, label: person.name },
        metadata: { prefix: key.prefix, ...expiryMetadata(key) },
        ownerUserId: person.id,
      },
      meta,
    );
    return ok(issued(key));
  });
}

/**
 * Replaces the person's key with a new one; the old one fails at once. Also how a person whose key an
 * administrator cleared gets access back.
 */
export async function regeneratePersonalKey(
  db: Db,
  author: Author,
  meta: RequestMeta,
  lifetime?: PersonalKeyLifetime,
): Promise<Result<IssuedKey>> {
  return db.transaction(async (tx) => {
    const person = author.userId ? await lockPerson(tx, author.audit.organizationId, author.userId) : null;
    if (!person) return NO_ACCOUNT;
    const chosen = await lifetimeFor(tx, author.audit.organizationId, lifetime);
    if (!chosen.ok) return chosen;
    const old = await revokeLive(tx, person.id, author, "regenerated");
    const key = await insertKey(tx, author.audit.organizationId, person.id, chosen.value);
    await writeAudit(
      tx,
      author.audit,
      {
        action: "personal_api_key.regenerated",
        target: { id: key.id, label: person.name },
        metadata: { prefix: key.prefix, previousPrefix: old?.prefix ?? null, ...expiryMetadata(key) },
        ownerUserId: person.id,
      },
      meta,
    );
    return ok(issued(key));
  });
}

/** The person turns off their own API access: the key fails at once. */
export async function turnOffPersonalKey(db: Db, author: Author, meta: RequestMeta): Promise<Result> {
  if (!author.userId) return NO_ACCOUNT;
  return revoke(db, author, author.userId, "turned_off", meta, "API access is already off.");
}

/** An administrator clears a person's key (API Management): it fails at once; the person must regenerate. */
/**
 * Clear API Key. With `keyId` (a leak report names one key), only that key is cleared: a key the person made after
 * the leaked one was read must not be the one revoked.
 */
export async function clearPersonalKey(db: Db, author: Author, userId: string, meta: RequestMeta, keyId?: string): Promise<Result> {
  return revoke(db, author, userId, "cleared", meta, "This person has no API key to clear.", keyId);
}

const REVOKE_ACTIONS = {
  turned_off: "personal_api_key.turned_off",
  cleared: "personal_api_key.cleared",
} as const satisfies Record<string, AuditAction>;

async function revoke(
  db: Db,
  author: Author,
  userId: string,
  reason: keyof typeof REVOKE_ACTIONS,
  meta: RequestMeta,
  noKey: string,
  keyId?: string,
): Promise<Result> {
  return db.transaction(async (tx) => {
    const person = await getPerson(tx, author.audit.organizationId, userId);
    if (!person) return fail("not_found", "That person was not found.");
    const locked = await lockPerson(tx, author.audit.organizationId, person.id);
    if (!locked) return fail("not_found", "That person was not found.");
    const revoked = await revokeLive(tx, person.id, author, reason, keyId);
    if (!revoked) return fail("conflict", noKey);
    await writeAudit(
      tx,
      author.audit,
      {
        action: REVOKE_ACTIONS[reason],
        target: { id: revoked.id, label: person.name },
        metadata: { prefix: revoked.prefix },
        ownerUserId: person.id,
      },
      meta,
    );
    return ok();
  });
}
