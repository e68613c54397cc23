import "server-only";
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getPerson } from "@/db/queries/people";
import { webhookDeliveries, webhooks } from "@/db/schema";
import { writeAudit, type AuditActor } from "@/lib/audit";
import type { FieldErrors } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { generateWebhookSecret } from "@/lib/secrets";
import { checkWebhookAddress, type Resolver } from "@/lib/webhooks/address-policy";
import type { WebhookEntity, WebhookOperation, WebhookStatus } from "@/lib/webhooks/constants";
import { sealSecret } from "@/lib/webhooks/secret-box";

export interface WebhookDeps {
  allowLoopback: boolean;
  secretKey: Buffer;
  resolve?: Resolver;
}

/** Which webhooks an actor may touch: always one organisation; a person acting for themselves, only their own. */
export interface WebhookScope {
  organizationId: string;
  ownerUserId?: string;
}

export interface WebhookView {
  id: string;
  url: string;
  entity: WebhookEntity;
  operationType: WebhookOperation;
  status: WebhookStatus;
  disabledReason: string | null;
  createdAt: Date;
}

export type WebhookOutcome<T> = { ok: true; value: T } | { ok: false; reason: "not_found" } | { ok: false; reason: "invalid"; fieldErrors: FieldErrors };

const view = (row: typeof webhooks.$inferSelect): WebhookView => ({
  id: row.id,
  url: row.url,
  entity: row.entity,
  operationType: row.operationType,
  status: row.status,
  disabledReason: row.disabledReason,
  createdAt: row.createdAt,
});

const scoped = (scope: WebhookScope, id: string) =>
  and(eq(webhooks.id, id), eq(webhooks.organizationId, scope.organizationId), scope.ownerUserId ? eq(webhooks.userId, scope.ownerUserId) : undefined);

/** Creates a webhook owned by `ownerUserId`; the signing secret is returned once and stored only encrypted. */
export async function createWebhook(
  db: Db,
  actor: AuditActor,
  ownerUserId: string,
  input: { url: string; entity: WebhookEntity; operationType: WebhookOperation },
  meta: RequestMeta,
  deps: WebhookDeps,
): Promise<WebhookOutcome<{ webhook: WebhookView; secret: string }>> {
  const check = await checkWebhookAddress(input.url, deps);
  if (!check.ok) return { ok: false, reason: "invalid", fieldErrors: { url: [check.message] } };
  const id = randomUUID();
  const secret = generateWebhookSecret();
  return db.transaction(async (tx) => {
    const owner = await getPerson(tx, actor.organizationId, ownerUserId);
    if (!owner) return { ok: false, reason: "not_found" } as const;
    const [row] = await tx
      .insert(webhooks)
      .values({
        id,
        organizationId: actor.organizationId,
        userId: owner.id,
        url: check.url.toString(),
        entity: input.entity,
        operationType: input.operationType,
        secretCiphertext: sealSecret(secret, id, deps.secretKey),
      })
      .returning();
    await writeAudit(
      tx,
      actor,
      {
        action: "webhook.created",
        target: { type: "webhook", id, label: row!.url },
        metadata: { url: row!.url, entity: row!.entity, operationType: row!.operationType, owner: owner.name },
        ownerUserId: owner.id,
      },
      meta,
    );
    return { ok: true, value: { webhook: view(row!), secret } } as const;
  });
}

/** Changes a webhook's status and/or URL; switching it On does not replay what it missed while Off. */
export async function updateWebhook(
  db: Db,
  actor: AuditActor,
  scope: WebhookScope,
  id: string,
  patch: { status?: WebhookStatus; url?: string },
  meta: RequestMeta,
  deps: WebhookDeps,
): Promise<WebhookOutcome<WebhookView>> {
  let url: string | undefined;
  if (patch.url !== undefined) {
    const check = await checkWebhookAddress(patch.url, deps);
    if (!check.ok) return { ok: false, reason: "invalid", fieldErrors: { url: [check.message] } };
    url = check.url.toString();
  }
  return db.transaction(async (tx) => {
    const [before] = await tx.select().from(webhooks).where(scoped(scope, id)).for("update");
    if (!before) return { ok: false, reason: "not_found" } as const;
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
      actor,
      { action: "webhook.updated", target: { type: "webhook", id, label: after!.url }, metadata: changes, ownerUserId: before.userId },
      meta,
    );
    return { ok: true, value: view(after!) } as const;
  });
}

export async function deleteWebhook(
  db: Db,
  actor: AuditActor,
  scope: WebhookScope,
  id: string,
  meta: RequestMeta,
): Promise<{ ok: true } | { ok: false; reason: "not_found" }> {
  return db.transaction(async (tx) => {
    const [deleted] = await tx.delete(webhooks).where(scoped(scope, id)).returning();
    if (!deleted) return { ok: false, reason: "not_found" } as const;
    await writeAudit(
      tx,
      actor,
      {
        action: "webhook.deleted",
        target: { type: "webhook", id, label: deleted.url },
        metadata: { url: deleted.url, entity: deleted.entity, operationType: deleted.operationType },
        ownerUserId: deleted.userId,
      },
      meta,
    );
    return { ok: true } as const;
  });
}

/** Sends a failed delivery again, with a fresh retry schedule; the log keeps counting its attempts. */
export async function resendDelivery(
  db: Db,
  actor: AuditActor,
  scope: WebhookScope,
  deliveryId: string,
  meta: RequestMeta,
): Promise<{ ok: true } | { ok: false; reason: "not_found" | "not_failed" }> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ delivery: webhookDeliveries, webhook: webhooks })
      .from(webhookDeliveries)
      .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .where(
        and(
          eq(webhookDeliveries.id, deliveryId),
          eq(webhooks.organizationId, scope.organizationId),
          scope.ownerUserId ? eq(webhooks.userId, scope.ownerUserId) : undefined,
        ),
      )
      .for("update");
    if (!row) return { ok: false, reason: "not_found" } as const;
    if (row.delivery.status !== "failed") return { ok: false, reason: "not_failed" } as const;
    await tx
      .update(webhookDeliveries)
      .set({ status: "pending", retries: 0, nextAttemptAt: new Date(), completedAt: null, claimToken: null, lockedUntil: null })
      .where(eq(webhookDeliveries.id, deliveryId));
    await writeAudit(
      tx,
      actor,
      {
        action: "webhook.delivery_resent",
        target: { type: "webhook", id: row.webhook.id, label: row.webhook.url },
        metadata: { deliveryId, eventType: row.delivery.eventType },
        ownerUserId: row.webhook.userId,
      },
      meta,
    );
    return { ok: true } as const;
  });
}
