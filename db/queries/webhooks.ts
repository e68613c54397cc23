import "server-only";
import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { webhookDeliveries, webhookDeliveryAttempts, webhooks, type WebhookDelivery } from "@/db/schema";
import { deliveryState, type DeliveryState } from "@/lib/webhooks/delivery-states";

interface StoredLastDelivery {
  status: WebhookDelivery["status"];
  attempts: number;
  statusCode: number | null;
  at: string;
  error: string | null;
}

/** A webhook's latest delivery, in the delivery states' vocabulary. */
export interface LastDelivery {
  status: DeliveryState;
  statusCode: number | null;
  at: string;
  error: string | null;
}

function lastDeliveryOf(value: unknown): LastDelivery | null {
  const stored = parseJson<StoredLastDelivery>(value);
  if (!stored) return null;
  const { attempts, ...rest } = stored;
  return { ...rest, status: deliveryState({ status: stored.status, attempts }) };
}

// The outer column is spelled out: drizzle renders a column of a single-table select unqualified, which inside
// this subquery would mean d.id.
const lastDelivery = sql<unknown>`(
  select json_build_object('status', d.status, 'attempts', d.attempts, 'statusCode', d.last_status_code, 'at', coalesce(d.completed_at, d.created_at), 'error', d.last_error)
  from ${webhookDeliveries} d where d.webhook_id = "webhooks"."id" order by d.created_at desc limit 1
)`;

const columns = {
  id: webhooks.id,
  userId: webhooks.userId,
  url: webhooks.url,
  entity: webhooks.entity,
  operationType: webhooks.operationType,
  status: webhooks.status,
  disabledReason: webhooks.disabledReason,
  createdAt: webhooks.createdAt,
  // Only while the replaced secret still signs (lib/webhooks/previous-secret.ts says the same in code); drizzle passes
  // nulls by the decoder.
  previousSecretExpiresAt: sql`case when ${webhooks.previousSecretCiphertext} is not null and ${webhooks.previousSecretExpiresAt} > now() then ${webhooks.previousSecretExpiresAt} end`.mapWith(
    (value: string | Date): Date | null => webhooks.previousSecretExpiresAt.mapFromDriverValue(value) as Date,
  ),
};

/** A person's webhooks (or the one with `id`), oldest first, each with its latest delivery's outcome. Never the secret. */
async function webhooksOfUser(db: Executor, organizationId: string, userId: string, id?: string) {
  const rows = await db
    .select({ ...columns, lastDelivery: lastDelivery })
    .from(webhooks)
    .where(and(eq(webhooks.organizationId, organizationId), eq(webhooks.userId, userId), id ? eq(webhooks.id, id) : undefined))
    .orderBy(webhooks.createdAt, webhooks.id);
  return rows.map((row) => ({ ...row, lastDelivery: lastDeliveryOf(row.lastDelivery) }));
}

/** A person's webhooks, oldest first, each with its latest delivery's outcome. Never the secret. */
export const listWebhooksForUser = (db: Executor, organizationId: string, userId: string) => webhooksOfUser(db, organizationId, userId);

export type WebhookRow = Awaited<ReturnType<typeof listWebhooksForUser>>[number];

/** One of a person's webhooks as their list shows it, or null when they have none with this id. */
export async function getWebhookForUser(db: Executor, organizationId: string, userId: string, id: string): Promise<WebhookRow | null> {
  const [row] = await webhooksOfUser(db, organizationId, userId, id);
  return row ?? null;
}

/** What the webhooks table needs, as plain values for a client component. */
export const toWebhookListItem = (row: WebhookRow) => ({
  id: row.id,
  url: row.url,
  entity: row.entity,
  operationType: row.operationType,
  status: row.status,
  disabledReason: row.disabledReason,
  previousSecretExpiresAt: row.previousSecretExpiresAt?.toISOString() ?? null,
  lastDelivery: row.lastDelivery ? { ...row.lastDelivery, at: String(row.lastDelivery.at) } : null,
});

/** One webhook of the organisation (and of `ownerUserId`, when given), or null. */
export async function getWebhook(db: Executor, organizationId: string, id: string, ownerUserId?: string) {
  const [row] = await db
    .select(columns)
    .from(webhooks)
    .where(and(eq(webhooks.id, id), eq(webhooks.organizationId, organizationId), ownerUserId ? eq(webhooks.userId, ownerUserId) : undefined));
  return row ?? null;
}

/**
 * The delivery that resent `delivery`, if any: a resend is a later delivery of the same event to the same webhook
 * (the fan-out writes one per event and webhook, so nothing else matches).
 */
export async function getResendOf(db: Executor, delivery: Pick<WebhookDelivery, "id" | "webhookId" | "auditEventId">) {
  if (!delivery.auditEventId) return null;
  const sameEvent = and(eq(webhookDeliveries.webhookId, delivery.webhookId), eq(webhookDeliveries.auditEventId, delivery.auditEventId));
  // Compared with the stored time itself: PostgreSQL keeps microseconds, a JavaScript Date only milliseconds, so
  // the delivery's own row would look later than its rounded-down time.
  const [later] = await db
    .select({ id: webhookDeliveries.id })
    .from(webhookDeliveries)
    .where(
      and(
        sameEvent,
        gt(webhookDeliveries.createdAt, sql`(select created_at from webhook_deliveries where id = ${delivery.id})`),
      ),
    )
    .limit(1);
  return later ?? null;
}

/**
 * The delivery log: the webhook's newest deliveries with every attempt, each in the delivery states' vocabulary,
 * and linked to the delivery that resent it or that it resends.
 */
export async function listDeliveries(db: Executor, webhookId: string, limit = 25) {
  const deliveries = await db
    .select({
      id: webhookDeliveries.id,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
      auditEventId: webhookDeliveries.auditEventId,
      attempts: webhookDeliveries.attempts,
      nextAttemptAt: webhookDeliveries.nextAttemptAt,
      createdAt: webhookDeliveries.createdAt,
    })
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, webhookId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  const attempts = deliveries.length
    ? await db
        .select()
        .from(webhookDeliveryAttempts)
        .where(
          inArray(
            webhookDeliveryAttempts.deliveryId,
            deliveries.map((d) => d.id),
          ),
        )
        .orderBy(webhookDeliveryAttempts.attempt)
    : [];
  // Newest first: the deliveries of one event after a given one are earlier in the list.
  const sameEvent = (a: (typeof deliveries)[number], b: (typeof deliveries)[number]) => a.auditEventId !== null && a.auditEventId === b.auditEventId;
  return deliveries.map((delivery, index) => ({
    id: delivery.id,
    eventType: delivery.eventType,
    state: deliveryState(delivery),
    nextAttemptAt: delivery.nextAttemptAt,
    createdAt: delivery.createdAt,
    resentAs: deliveries.slice(0, index).findLast((other) => sameEvent(other, delivery))?.id ?? null,
    resendOf: deliveries.slice(index + 1).find((other) => sameEvent(other, delivery))?.id ?? null,
    log: attempts.filter((a) => a.deliveryId === delivery.id),
  }));
}

export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>[number];

// postgres.js parses json columns; PGlite may hand back the text.
function parseJson<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
