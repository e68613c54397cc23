import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getPerson } from "@/db/queries/people";
import { webhookDeliveries, webhooks } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { Author } from "@/lib/author";
import type { RequestMeta } from "@/lib/request-meta";
import { fail, ok, type Result } from "@/lib/result";
import { generateWebhookSecret } from "@/lib/secrets";
import { checkWebhookAddress, type Resolver } from "@/lib/webhooks/address-policy";
import type { WebhookEntity, WebhookOperation, WebhookStatus } from "@/lib/webhooks/constants";
import { sealSecret } from "@/lib/webhooks/secret-box";

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

/** Creates a webhook owned by the author; the signing secret is returned once and stored only encrypted. */
export async function createWebhook(
  db: Db,
  author: Author,
  input: { url: string; entity: WebhookEntity; operationType: WebhookOperation },
  meta: RequestMeta,
  deps: WebhookDeps,
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

/** Sends a failed delivery again, with a fresh retry schedule; the log keeps counting its attempts. */
export async function resendDelivery(
  db: Db,
  author: Author,
  scope: WebhookScope,
  deliveryId: string,
  meta: RequestMeta,
): Promise<Result> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ delivery: webhookDeliveries, webhook: webhooks })
      .from(webhookDeliveries)
      .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .where(
        and(eq(webhookDeliveries.id, deliveryId), within(author, scope)),
      )
      .for("update");
    if (!row) return fail("not_found", "That delivery was not found.");
    if (row.delivery.status !== "failed") return fail("conflict", "Only a failed delivery can be sent again.");
    await tx
      .update(webhookDeliveries)
      .set({ status: "pending", retries: 0, nextAttemptAt: new Date(), completedAt: null, claimToken: null, lockedUntil: null })
      .where(eq(webhookDeliveries.id, deliveryId));
    await writeAudit(
      tx,
      author.audit,
      {
        action: "webhook.delivery_resent",
        target: { id: row.webhook.id, label: row.webhook.url },
        metadata: { deliveryId, eventType: row.delivery.eventType },
        ownerUserId: row.webhook.userId,
      },
      meta,
    );
    return ok();
  });
}
