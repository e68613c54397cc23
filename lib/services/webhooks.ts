import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, isNull, sql } from "drizzle-orm";
import type { Db, Executor } from "@/db/client";
import { getPerson } from "@/db/queries/people";
import { getResendOf } from "@/db/queries/webhooks";
import { userRoles, webhookDeliveries, webhooks } from "@/db/schema";
import { systemActor, writeAudit } from "@/lib/audit";
import type { Author } from "@/lib/author";
import type { RequestMeta } from "@/lib/request-meta";
import { fail, ok, type Result } from "@/lib/result";
import { generateWebhookSecret, hashSecret } from "@/lib/secrets";
import { graceEndsAt, ROLL_GRACE_PERIODS, type RollGracePeriod } from "@/lib/validators/roll-grace";
import { checkWebhookAddress, type Resolver } from "@/lib/webhooks/address-policy";
import {
  TEST_EVENT_TYPE,
  WEBHOOK_OFF_RESEND,
  WEBHOOK_OFF_TEST,
  type WebhookEntity,
  type WebhookOperation,
  type WebhookStatus,
} from "@/lib/webhooks/constants";
import { previousSigns } from "@/lib/webhooks/previous-secret";
import { openSecret, sealSecret } from "@/lib/webhooks/secret-box";
import { entityRefusal, isOffered } from "@/lib/webhooks/subscriptions";
import { permissionsFor } from "@/lib/auth/permissions";

export interface WebhookDeps {
  allowLoopback: boolean;
  secretKey: Buffer;
  resolve?: Resolver;
}

/**
 * Which webhooks an author may touch, always within their organisation: their own, or (an Administrator managing
 * people's API access) everyone's.
 */
export type WebhookScope = "own" | "organization";

export interface WebhookView {
  id: string;
  url: string;
  entity: WebhookEntity;
  operationType: WebhookOperation;
  status: WebhookStatus;
  disabledReason: string | null;
  createdAt: Date;
  /** Until when the secret the last roll replaced still signs beside the current one; null when it signs nothing. */
  previousSecretExpiresAt: Date | null;
}

export const NO_PERSON =
  "Webhooks belong to a person, and this credential acts as no one. Use a personal API key, or an API key set to act as a user.";
const NOT_FOUND = fail("not_found", "That webhook was not found.");

const view = (row: typeof webhooks.$inferSelect): WebhookView => ({
  id: row.id,
  url: row.url,
  entity: row.entity,
  operationType: row.operationType,
  status: row.status,
  disabledReason: row.disabledReason,
  createdAt: row.createdAt,
  previousSecretExpiresAt: previousSigns(row, new Date()) ? row.previousSecretExpiresAt : null,
});

/** The webhooks `author` may touch in `scope`; "own" for an author who is no person matches none. */
const within = (author: Author, scope: WebhookScope) =>
  and(
    eq(webhooks.organizationId, author.audit.organizationId),
    scope === "organization" ? undefined : author.userId ? eq(webhooks.userId, author.userId) : sql`false`,
  );

/** The owner's current permissions, from the roles the fan-out will read when an event happens. */
async function ownerPermissions(tx: Executor, userId: string) {
  const rows = await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, userId));
  return permissionsFor(rows.map((row) => row.role));
}

/**
 * Why `owner` could never receive `entity` `operation` events, as a failure on the field at fault, or null: the
 * fan-out would skip them, so a subscription that looks fine would wait forever.
 */
async function subscriptionRefusal(tx: Executor, ownerUserId: string, entity: WebhookEntity, operation: WebhookOperation) {
  if (!isOffered(entity, operation)) {
    return fail("invalid", `Nothing in Keyward emits ${entity} ${operation} events.`, "operationType");
  }
  const refusal = entityRefusal(entity, await ownerPermissions(tx, ownerUserId));
  return refusal ? fail("forbidden", refusal, "entity") : null;
}

/**
 * Which subscriptions a caller may make: "offered", in the console, only pairs that some change emits and that the
 * owner may see; "documented", through the API, any documented pair, as integrations written from the reference
 * expect (the fan-out still delivers only what the owner may see).
 */
export type SubscriptionRule = "offered" | "documented";

/** Creates a webhook owned by the author; the signing secret is returned once and stored only encrypted. */
export async function createWebhook(
  db: Db,
  author: Author,
  input: { url: string; entity: WebhookEntity; operationType: WebhookOperation },
  meta: RequestMeta,
  deps: WebhookDeps,
  rule: SubscriptionRule = "offered",
): Promise<Result<{ webhook: WebhookView; secret: string }>> {
  const ownerUserId = author.userId;
  if (!ownerUserId) return fail("forbidden", NO_PERSON);
  const check = await checkWebhookAddress(input.url, deps);
  if (!check.ok) return fail("invalid", check.message, "url");
  const id = randomUUID();
  const secret = generateWebhookSecret();
  return db.transaction(async (tx) => {
    const owner = await getPerson(tx, author.audit.organizationId, ownerUserId);
    if (!owner) return fail("not_found", "The person this webhook would belong to no longer exists.");
    const refused = rule === "offered" ? await subscriptionRefusal(tx, owner.id, input.entity, input.operationType) : null;
    if (refused) return refused;
    const [row] = await tx
      .insert(webhooks)
      .values({
        id,
        organizationId: author.audit.organizationId,
        userId: owner.id,
        url: check.url.toString(),
        entity: input.entity,
        operationType: input.operationType,
        secretCiphertext: sealSecret(secret, id, deps.secretKey),
        secretHash: hashSecret(secret),
      })
      .returning();
    await writeAudit(
      tx,
      author.audit,
      {
        action: "webhook.created",
        target: { id, label: row!.url },
        metadata: { url: row!.url, entity: row!.entity, operationType: row!.operationType, owner: owner.name },
        ownerUserId: owner.id,
      },
      meta,
    );
    return ok({ webhook: view(row!), secret });
  });
}

/** Changes a webhook's status and/or URL; switching it On does not replay what it missed while Off. */
export async function updateWebhook(
  db: Db,
  author: Author,
  scope: WebhookScope,
  id: string,
  patch: { status?: WebhookStatus; url?: string },
  meta: RequestMeta,
  deps: WebhookDeps,
  rule: SubscriptionRule = "offered",
): Promise<Result<WebhookView>> {
  let url: string | undefined;
  if (patch.url !== undefined) {
    const check = await checkWebhookAddress(patch.url, deps);
    if (!check.ok) return fail("invalid", check.message, "url");
    url = check.url.toString();
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(webhooks).where(and(eq(webhooks.id, id), within(author, scope))).for("update");
    if (!before) return NOT_FOUND;
    if (rule === "offered" && patch.status === "On" && before.status === "Off") {
      const refused = await subscriptionRefusal(tx, before.userId, before.entity, before.operationType);
      if (refused) return { ...refused, field: "status" };
    }
    const [after] = await tx
      .update(webhooks)
      .set({
        ...(patch.status ? { status: patch.status } : {}),
        ...(patch.status === "On" ? { disabledReason: null } : {}),
        ...(url ? { url } : {}),
        updatedAt: new Date(),
      })
      .where(eq(webhooks.id, before.id))
      .returning();
    const changes: Record<string, unknown> = {};
    if (patch.status && patch.status !== before.status) changes.status = { from: before.status, to: patch.status };
    if (url && url !== before.url) changes.url = { from: before.url, to: url };
    await writeAudit(
      tx,
      author.audit,
      { action: "webhook.updated", target: { id, label: after!.url }, metadata: changes, ownerUserId: before.userId },
      meta,
    );
    return ok(view(after!));
  });
}

export async function deleteWebhook(db: Db, author: Author, scope: WebhookScope, id: string, meta: RequestMeta): Promise<Result> {
  return db.transaction(async (tx) => {
    const [deleted] = await tx.delete(webhooks).where(and(eq(webhooks.id, id), within(author, scope))).returning();
    if (!deleted) return NOT_FOUND;
    await writeAudit(
      tx,
      author.audit,
      {
        action: "webhook.deleted",
        target: { id, label: deleted.url },
        metadata: { url: deleted.url, entity: deleted.entity, operationType: deleted.operationType },
        ownerUserId: deleted.userId,
      },
      meta,
    );
    return ok();
  });
}

/**
 * Sends a failed delivery again as a new delivery of the same event, so the failed one keeps its record. An Off
 * webhook sends nothing, so resending to it is refused unless `switchOn` asks to switch it On first. A delivery
 * already resent is refused too: the newest delivery of the event is the one to resend.
 */
export async function resendDelivery(
  db: Db,
  author: Author,
  scope: WebhookScope,
  input: { deliveryId: string; switchOn?: boolean },
  meta: RequestMeta,
): Promise<Result<{ deliveryId: string }>> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ delivery: webhookDeliveries, webhook: webhooks })
      .from(webhookDeliveries)
      .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .where(and(eq(webhookDeliveries.id, input.deliveryId), within(author, scope)))
      .for("update");
    if (!row) return fail("not_found", "That delivery was not found.");
    const { delivery, webhook } = row;
    if (delivery.status !== "failed") return fail("conflict", "Only a failed delivery can be sent again.");
    const later = await getResendOf(tx, delivery);
    if (later) return fail("conflict", `This delivery was already resent as ${later.id}.`);
    if (webhook.status === "Off") {
      if (!input.switchOn) return fail("conflict", WEBHOOK_OFF_RESEND);
      const switched = await switchOn(tx, author, webhook, meta);
      if (switched) return switched;
    }
    const [resent] = await tx
      .insert(webhookDeliveries)
      .values({
        organizationId: delivery.organizationId,
        webhookId: webhook.id,
        auditEventId: delivery.auditEventId,
        eventType: delivery.eventType,
        payload: delivery.payload,
      })
      .returning({ id: webhookDeliveries.id });
    await writeAudit(
      tx,
      author.audit,
      {
        action: "webhook.delivery_resent",
        target: { id: webhook.id, label: webhook.url },
        metadata: { deliveryId: delivery.id, resentAs: resent!.id, eventType: delivery.eventType },
        ownerUserId: webhook.userId,
      },
      meta,
    );
    return ok({ deliveryId: resent!.id });
  });
}

/** Switches an Off webhook On inside a resend, audited like the switch; refused if it could never receive its events. */
async function switchOn(tx: Executor, author: Author, webhook: typeof webhooks.$inferSelect, meta: RequestMeta) {
  const refused = await subscriptionRefusal(tx, webhook.userId, webhook.entity, webhook.operationType);
  if (refused) return refused;
  await tx.update(webhooks).set({ status: "On", disabledReason: null, updatedAt: new Date() }).where(eq(webhooks.id, webhook.id));
  await writeAudit(
    tx,
    author.audit,
    {
      action: "webhook.updated",
      target: { id: webhook.id, label: webhook.url },
      metadata: { status: { from: "Off", to: "On" } },
      ownerUserId: webhook.userId,
    },
    meta,
  );
  return null;
}

/**
 * Queues a signed test delivery to the webhook's URL, shown in its delivery log like any other. Its type
 * (TEST_EVENT_TYPE) is one no subscription receives otherwise, so a receiver can tell it from a real event.
 */
export async function sendTestEvent(
  db: Db,
  author: Author,
  scope: WebhookScope,
  webhookId: string,
  meta: RequestMeta,
): Promise<Result<{ deliveryId: string }>> {
  return db.transaction(async (tx) => {
    const [webhook] = await tx.select().from(webhooks).where(and(eq(webhooks.id, webhookId), within(author, scope))).for("update");
    if (!webhook) return NOT_FOUND;
    if (webhook.status === "Off") return fail("conflict", WEBHOOK_OFF_TEST);
    const event = await writeAudit(
      tx,
      author.audit,
      {
        action: "webhook.test_sent",
        target: { id: webhook.id, label: webhook.url },
        metadata: { entity: webhook.entity, operationType: webhook.operationType },
        ownerUserId: webhook.userId,
      },
      meta,
    );
    const [delivery] = await tx
      .insert(webhookDeliveries)
      .values({
        organizationId: webhook.organizationId,
        webhookId: webhook.id,
        auditEventId: event.id,
        eventType: TEST_EVENT_TYPE,
        payload: {
          type: TEST_EVENT_TYPE,
          timestamp: event.createdAt.toISOString(),
          data: {
            id: webhook.id,
            label: webhook.url,
            action: event.action,
            actor: { type: author.audit.type, id: author.audit.id, label: author.audit.label },
            changes: {},
            auditEventId: event.id,
            test: true,
            subscription: { entity: webhook.entity, operationType: webhook.operationType },
          },
        },
      })
      .returning({ id: webhookDeliveries.id });
    return ok({ deliveryId: delivery!.id });
  });
}

/**
 * Replaces a webhook's signing secret. The worker reads the secrets at each attempt, so every delivery from now on,
 * retries included, is signed with the new one; during `grace` also with the replaced one (Standard Webhooks allows
 * several signatures, and a receiver accepts a delivery that any of them verifies), so the receiver can switch at its
 * own pace. A secret still in its grace when another roll happens stops then: at most two secrets sign. The replaced
 * secret's hash is kept, so a leak report of it is still recognised. Audited as `webhook.secret_rolled`, an Update.
 */
async function replaceSecret(
  tx: Executor,
  author: Author,
  before: typeof webhooks.$inferSelect,
  grace: RollGracePeriod,
  meta: RequestMeta,
  secretKey: Buffer,
  now: Date,
) {
  const secret = generateWebhookSecret();
  const previousSecretExpiresAt = graceEndsAt(grace, now);
  const [after] = await tx
    .update(webhooks)
    .set({
      secretCiphertext: sealSecret(secret, before.id, secretKey),
      secretHash: hashSecret(secret),
      previousSecretHash: before.secretHash ?? hashOfSealed(before, secretKey),
      // Sealed with the webhook's id as associated data, so the ciphertext moves to the other column as it is.
      previousSecretCiphertext: previousSecretExpiresAt ? before.secretCiphertext : null,
      previousSecretExpiresAt,
      updatedAt: now,
    })
    .where(eq(webhooks.id, before.id))
    .returning();
  await writeAudit(
    tx,
    author.audit,
    {
      action: "webhook.secret_rolled",
      target: { id: before.id, label: before.url },
      metadata: {
        url: before.url,
        grace: ROLL_GRACE_PERIODS[grace].label,
        previousSecretExpiresAt: (previousSecretExpiresAt ?? now).toISOString(),
      },
      ownerUserId: before.userId,
    },
    meta,
  );
  return { webhook: view(after!), secret };
}

/**
 * Ends the grace of the secret the last roll replaced: from now on only the current secret signs. Audited as
 * `webhook.previous_secret_stopped`, an Update.
 */
async function forgetPreviousSecret(tx: Executor, author: Author, before: typeof webhooks.$inferSelect, meta: RequestMeta) {
  const [after] = await tx
    .update(webhooks)
    .set({ previousSecretCiphertext: null, previousSecretExpiresAt: null, updatedAt: new Date() })
    .where(eq(webhooks.id, before.id))
    .returning();
  await writeAudit(
    tx,
    author.audit,
    { action: "webhook.previous_secret_stopped", target: { id: before.id, label: before.url }, metadata: { url: before.url }, ownerUserId: before.userId },
    meta,
  );
  return view(after!);
}

/** The hash of a sealed secret, or null when it cannot be opened (sealed under another auth secret: unusable anyway). */
function hashOfSealed(row: Pick<typeof webhooks.$inferSelect, "id" | "secretCiphertext">, secretKey: Buffer): string | null {
  try {
    return hashSecret(openSecret(row.secretCiphertext, row.id, secretKey));
  } catch {
    return null;
  }
}

/**
 * The owner's Roll signing secret: a new secret, shown once, in place of the current one, which keeps signing beside
 * it for `grace`. Only the owner may roll, even an Administrator managing people's webhooks: the new secret would be
 * revealed to whoever rolls it.
 */
export async function rollWebhookSecret(
  db: Db,
  author: Author,
  id: string,
  grace: RollGracePeriod,
  meta: RequestMeta,
  deps: Pick<WebhookDeps, "secretKey">,
  now = new Date(),
): Promise<Result<{ webhook: WebhookView; secret: string }>> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(webhooks).where(and(eq(webhooks.id, id), within(author, "own"))).for("update");
    if (!before) return NOT_FOUND;
    return ok(await replaceSecret(tx, author, before, grace, meta, deps.secretKey, now));
  });
}

/** The owner's Stop previous secret now: only the current secret signs from now on. */
export async function stopPreviousWebhookSecret(db: Db, author: Author, id: string, meta: RequestMeta, now = new Date()): Promise<Result<WebhookView>> {
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(webhooks).where(and(eq(webhooks.id, id), within(author, "own"))).for("update");
    if (!before) return NOT_FOUND;
    if (!previousSigns(before, now)) {
      return fail("not_found", "This webhook has no previous signing secret to stop: only its current secret signs.");
    }
    return ok(await forgetPreviousSecret(tx, author, before, meta));
  });
}

/**
 * A leak report's rotation, by Keyward: the webhook whose current secret hashes to `hash` gets a new one that nobody
 * sees (its owner rolls again to get one to give the receiver), and no secret of it keeps signing beside it; a
 * replaced secret still in its grace stops signing. True when `hash` is a current or a replaced secret of some
 * webhook: a second report of a rotated secret is recognised and changes nothing more.
 */
export async function rotateReportedWebhookSecret(db: Db, hash: string, meta: RequestMeta, secretKey: Buffer, now = new Date()): Promise<boolean> {
  return db.transaction(async (tx) => {
    // A concurrent report of the same secret waits on the row lock, then no longer matches and finds it replaced.
    const [current] = await tx.select().from(webhooks).where(eq(webhooks.secretHash, hash)).for("update");
    if (current) {
      await replaceSecret(tx, { audit: systemActor(current.organizationId), userId: null }, current, "now", meta, secretKey, now);
      return true;
    }
    const [replaced] = await tx.select().from(webhooks).where(eq(webhooks.previousSecretHash, hash)).limit(1).for("update");
    if (replaced && previousSigns(replaced, now)) {
      await forgetPreviousSecret(tx, { audit: systemActor(replaced.organizationId), userId: null }, replaced, meta);
    }
    return Boolean(replaced);
  });
}

/**
 * Fills `secret_hash` for webhooks made before the column existed. SQL cannot do it: the secret is sealed under a
 * key only the app derives (from the auth secret). It runs before each lookup of a reported signing secret rather
 * than at start-up: that lookup is the only reader of the hash, so it is complete exactly when needed, also for rows
 * written by an instance still on older code during a rolling deploy, and no boot pays for it or races another
 * instance over it. Once every row has its hash it costs one query on a partial index. Not audited: it records a
 * derived value, and changes nothing anyone can see or use. Rows that cannot be opened stay null (see hashOfSealed).
 */
export async function backfillWebhookSecretHashes(db: Db, secretKey: Buffer, batchSize = 200): Promise<number> {
  let filled = 0;
  let after: string | null = null;
  for (;;) {
    const rows = await db
      .select({ id: webhooks.id, secretCiphertext: webhooks.secretCiphertext })
      .from(webhooks)
      .where(and(isNull(webhooks.secretHash), after ? gt(webhooks.id, after) : undefined))
      .orderBy(asc(webhooks.id))
      .limit(batchSize);
    for (const row of rows) {
      const hash = hashOfSealed(row, secretKey);
      if (!hash) continue;
      // Only if unchanged: a roll meanwhile has written the hash of its own secret.
      const done = await db
        .update(webhooks)
        .set({ secretHash: hash })
        .where(and(eq(webhooks.id, row.id), isNull(webhooks.secretHash), eq(webhooks.secretCiphertext, row.secretCiphertext)))
        .returning({ id: webhooks.id });
      filled += done.length;
    }
    if (rows.length < batchSize) return filled;
    after = rows.at(-1)!.id;
  }
}
