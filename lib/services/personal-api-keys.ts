import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db, Tx } from "@/db/client";
import { getPerson } from "@/db/queries/people";
import { personalKeysAllowed } from "@/db/queries/personal-api-keys";
import { personalApiKeys, users } from "@/db/schema";
import { writeAudit, type AuditActor } from "@/lib/audit";
import type { RequestMeta } from "@/lib/request-meta";
import { displayPrefix, generateSecret, hashSecret } from "@/lib/secrets";

export type IssueKeyOutcome =
  | { ok: true; secret: string; prefix: string; createdAt: Date }
  | { ok: false; reason: "not_allowed" | "already_enabled" | "not_found" };

export type RevokeKeyOutcome = { ok: true } | { ok: false; reason: "no_key" | "not_found" };

/** Locks the person's row: enabling, regenerating and turning off one person's key are serialised. */
async function lockPerson(tx: Tx, organizationId: string, userId: string) {
  const [person] = await tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organizationId, organizationId)))
    .for("update");
  return person ?? null;
}

async function revokeLive(
  tx: Tx,
  userId: string,
  by: AuditActor,
  reason: "turned_off" | "regenerated" | "cleared",
) {
  const [revoked] = await tx
    .update(personalApiKeys)
    .set({ revokedAt: new Date(), revokedById: by.type === "user" ? by.id : null, revokedByLabel: by.label, revokeReason: reason })
    .where(and(eq(personalApiKeys.userId, userId), isNull(personalApiKeys.revokedAt)))
    .returning({ id: personalApiKeys.id, prefix: personalApiKeys.prefix });
  return revoked ?? null;
}

async function insertKey(tx: Tx, organizationId: string, userId: string) {
  const secret = generateSecret("personal_key");
  const [row] = await tx
    .insert(personalApiKeys)
    .values({ organizationId, userId, keyHash: hashSecret(secret), prefix: displayPrefix(secret) })
    .returning({ id: personalApiKeys.id, prefix: personalApiKeys.prefix, createdAt: personalApiKeys.createdAt });
  return { secret, ...row! };
}

/**
 * Turns on the person's API access: a new `kwpk_` key, of which only the hash is stored. `actor` is the person.
 */
export async function enablePersonalKey(db: Db, actor: AuditActor, meta: RequestMeta): Promise<IssueKeyOutcome> {
  return db.transaction(async (tx) => {
    const person = await lockPerson(tx, actor.organizationId, actor.id!);
    if (!person) return { ok: false, reason: "not_found" };
    if (!(await personalKeysAllowed(tx, actor.organizationId))) return { ok: false, reason: "not_allowed" };
    const [live] = await tx
      .select({ id: personalApiKeys.id })
      .from(personalApiKeys)
      .where(and(eq(personalApiKeys.userId, person.id), isNull(personalApiKeys.revokedAt)));
    if (live) return { ok: false, reason: "already_enabled" };
    const key = await insertKey(tx, actor.organizationId, person.id);
    await writeAudit(
      tx,
      actor,
      {
        action: "personal_api_key.enabled",
        target: { type: "personal_api_key", id: key.id, label: person.name },
        metadata: { prefix: key.prefix },
        ownerUserId: person.id,
      },
      meta,
    );
    return { ok: true, secret: key.secret, prefix: key.prefix, createdAt: key.createdAt };
  });
}

/**
 * Replaces the person's key with a new one; the old one fails at once. Also how a person whose key an
 * administrator cleared gets access back.
 */
export async function regeneratePersonalKey(db: Db, actor: AuditActor, meta: RequestMeta): Promise<IssueKeyOutcome> {
  return db.transaction(async (tx) => {
    const person = await lockPerson(tx, actor.organizationId, actor.id!);
    if (!person) return { ok: false, reason: "not_found" };
    if (!(await personalKeysAllowed(tx, actor.organizationId))) return { ok: false, reason: "not_allowed" };
    const old = await revokeLive(tx, person.id, actor, "regenerated");
    const key = await insertKey(tx, actor.organizationId, person.id);
    await writeAudit(
      tx,
      actor,
      {
        action: "personal_api_key.regenerated",
        target: { type: "personal_api_key", id: key.id, label: person.name },
        metadata: { prefix: key.prefix, previousPrefix: old?.prefix ?? null },
        ownerUserId: person.id,
      },
      meta,
    );
    return { ok: true, secret: key.secret, prefix: key.prefix, createdAt: key.createdAt };
  });
}

/** The person turns off their own API access: the key fails at once. */
export async function turnOffPersonalKey(db: Db, actor: AuditActor, meta: RequestMeta): Promise<RevokeKeyOutcome> {
  return revoke(db, actor, actor.id!, "turned_off", "personal_api_key.turned_off", meta);
}

/** An administrator clears a person's key (API Management): it fails at once; the person must regenerate. */
export async function clearPersonalKey(db: Db, actor: AuditActor, userId: string, meta: RequestMeta): Promise<RevokeKeyOutcome> {
  return revoke(db, actor, userId, "cleared", "personal_api_key.cleared", meta);
}

async function revoke(
  db: Db,
  actor: AuditActor,
  userId: string,
  reason: "turned_off" | "cleared",
  action: string,
  meta: RequestMeta,
): Promise<RevokeKeyOutcome> {
  return db.transaction(async (tx) => {
    const person = await getPerson(tx, actor.organizationId, userId);
    if (!person) return { ok: false, reason: "not_found" };
    const locked = await lockPerson(tx, actor.organizationId, person.id);
    if (!locked) return { ok: false, reason: "not_found" };
    const revoked = await revokeLive(tx, person.id, actor, reason);
    if (!revoked) return { ok: false, reason: "no_key" };
    await writeAudit(
      tx,
      actor,
      {
        action,
        target: { type: "personal_api_key", id: revoked.id, label: person.name },
        metadata: { prefix: revoked.prefix },
        ownerUserId: person.id,
      },
      meta,
    );
    return { ok: true };
  });
}
