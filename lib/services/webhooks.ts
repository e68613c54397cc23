import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db, Executor } from "@/db/client";
import { getPerson } from "@/db/queries/people";
import { getResendOf } from "@/db/queries/webhooks";
import { userRoles, webhookDeliveries, webhooks } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { Author } from "@/lib/author";
import type { RequestMeta } from "@/lib/request-meta";
import { fail, ok, type Result } from "@/lib/result";
import { generateWebhookSecret } from "@/lib/secrets";
import { checkWebhookAddress, type Resolver } from "@/lib/webhooks/address-policy";
import {
  TEST_EVENT_TYPE,
  WEBHOOK_OFF_RESEND,
  WEBHOOK_OFF_TEST,
  type WebhookEntity,
  type WebhookOperation,
  type WebhookStatus,
} from "@/lib/webhooks/constants";
import { sealSecret } from "@/lib/webhooks/secret-box";
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
