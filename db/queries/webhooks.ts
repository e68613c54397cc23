import "server-only";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { webhookDeliveries, webhookDeliveryAttempts, webhooks } from "@/db/schema";

export interface LastDelivery {
  status: "pending" | "succeeded" | "failed" | "skipped";
  statusCode: number | null;
  at: string;
  error: string | null;
}

// The outer column is spelled out: drizzle renders a column of a single-table select unqualified, which inside
// this subquery would mean d.id.
const lastDelivery = sql<LastDelivery | null>`(
  select json_build_object('status', d.status, 'statusCode', d.last_status_code, 'at', coalesce(d.completed_at, d.created_at), 'error', d.last_error)
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
};

/** A person's webhooks, oldest first, each with its latest delivery's outcome. Never the secret. */
export async function listWebhooksForUser(db: Executor, organizationId: string, userId: string) {
  const rows = await db
    .select({ ...columns, lastDelivery: lastDelivery })
    .from(webhooks)
    .where(and(eq(webhooks.organizationId, organizationId), eq(webhooks.userId, userId)))
    .orderBy(webhooks.createdAt, webhooks.id);
  return rows.map((row) => ({ ...row, lastDelivery: parseJson<LastDelivery>(row.lastDelivery) }));
}

export type WebhookRow = Awaited<ReturnType<typeof listWebhooksForUser>>[number];

/** What the webhooks table needs, as plain values for a client component. */
export const toWebhookListItem = (row: WebhookRow) => ({
  id: row.id,
  url: row.url,
  entity: row.entity,
  operationType: row.operationType,
  status: row.status,
  disabledReason: row.disabledReason,
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

/** The delivery log: the webhook's newest deliveries with every attempt. */
export async function listDeliveries(db: Executor, webhookId: string, limit = 25) {
  const deliveries = await db
    .select({
      id: webhookDeliveries.id,
      eventType: webhookDeliveries.eventType,
      status: webhookDeliveries.status,
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
  return deliveries.map((delivery) => ({ ...delivery, log: attempts.filter((a) => a.deliveryId === delivery.id) }));
}

export type DeliveryRow = Awaited<ReturnType<typeof listDeliveries>>[number];

// postgres.js parses json columns; PGlite may hand back the text.
function parseJson<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
