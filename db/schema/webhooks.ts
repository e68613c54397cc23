import { sql } from "drizzle-orm";
import { boolean, index, integer, jsonb, pgEnum, pgTable, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { createdAt, id, timestampColumn } from "./columns";
import { auditEvents } from "./audit";
import { organizations } from "./organizations";
import { users } from "./people";
import { WEBHOOK_ENTITIES, WEBHOOK_OPERATIONS, WEBHOOK_STATUSES } from "../../lib/webhooks/constants";

export const webhookEntityEnum = pgEnum("webhook_entity", WEBHOOK_ENTITIES);
export const webhookOperationEnum = pgEnum("webhook_operation", WEBHOOK_OPERATIONS);
export const webhookStatusEnum = pgEnum("webhook_status", WEBHOOK_STATUSES);
export const webhookDeliveryStatusEnum = pgEnum("webhook_delivery_status", ["pending", "succeeded", "failed", "skipped"]);

/** A person's subscription to one entity and operation. */
export const webhooks = pgTable(
  "webhooks",
  {
    id: id(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    url: text("url").notNull(),
    entity: webhookEntityEnum("entity").notNull(),
    operationType: webhookOperationEnum("operation_type").notNull(),
    status: webhookStatusEnum("status").notNull().default("On"),
    /**
     * The signing secret, AES-256-GCM encrypted (docs/decisions/0005-webhook-signing-secrets.md): signing needs the
     * secret itself, so a hash would not do.
     */
    secretCiphertext: text("secret_ciphertext").notNull(),
    /**
     * SHA-256 of the signing secret (lib/secrets hashSecret), so a secret-scanning report can find the webhook
     * without decrypting every row. Null only for rows made before the column: filled lazily
     * (lib/services/webhooks.ts backfillWebhookSecretHashes).
     */
    secretHash: text("secret_hash"),
    /** SHA-256 of the secret the last roll replaced: a second report of that leaked secret is still recognised. */
    previousSecretHash: text("previous_secret_hash"),
    /**
     * The secret the last roll replaced, sealed like the current one, while it still signs beside it (the roll's
     * grace period): deliveries carry both signatures until `previousSecretExpiresAt`, so the receiver can switch
     * secrets at its own pace. Null when it stopped at the roll, or was stopped since.
     */
    previousSecretCiphertext: text("previous_secret_ciphertext"),
    previousSecretExpiresAt: timestampColumn("previous_secret_expires_at"),
    /** Why the webhook was switched Off by the system (a receiver answering 410), shown beside the switch. */
    disabledReason: text("disabled_reason"),
    createdAt: createdAt(),
    updatedAt: timestampColumn("updated_at").notNull().defaultNow(),
  },
  (t) => [
    index("webhooks_user_idx").on(t.userId, t.createdAt),
    // Fan-out in writeAudit: the organisation's webhooks on one entity and operation.
    index("webhooks_org_entity_op_idx").on(t.organizationId, t.entity, t.operationType),
    // 32 random bytes never collide; unique makes a report's lookup name one webhook at most.
    uniqueIndex("webhooks_secret_hash_idx").on(t.secretHash),
    index("webhooks_previous_secret_hash_idx").on(t.previousSecretHash),
    // The rows still to be hashed, found without reading the others at each report.
    index("webhooks_secret_hash_missing_idx").on(t.id).where(sql`${t.secretHash} is null`),
  ],
);

/**
 * The outbox: one row per event and webhook, written in the transaction of the change, so nothing acknowledged is
 * lost. Workers claim rows by lease (`claimToken`, `lockedUntil`) taken with FOR UPDATE SKIP LOCKED.
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: id(),
    organizationId: uuid("organization_id")
      .notNull()
      .references(() => organizations.id, { onDelete: "cascade" }),
    webhookId: uuid("webhook_id")
      .notNull()
      .references(() => webhooks.id, { onDelete: "cascade" }),
    auditEventId: uuid("audit_event_id").references(() => auditEvents.id, { onDelete: "set null" }),
    /** `<Entity>.<Operation>`, e.g. `User.Update`. */
    eventType: text("event_type").notNull(),
    /** The exact JSON body sent, fixed at write time so every attempt sends the same bytes. */
    payload: jsonb("payload").$type<Record<string, unknown>>().notNull(),
    status: webhookDeliveryStatusEnum("status").notNull().default("pending"),
    /** Attempts made so far, over the delivery's whole life (Resend continues the count). */
    attempts: integer("attempts").notNull().default(0),
    /** Failed attempts since the last Resend: the position in the retry schedule. */
    retries: integer("retries").notNull().default(0),
    nextAttemptAt: timestampColumn("next_attempt_at").notNull().defaultNow(),
    claimToken: uuid("claim_token"),
    lockedUntil: timestampColumn("locked_until"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    completedAt: timestampColumn("completed_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_webhook_created_idx").on(t.webhookId, t.createdAt),
  ],
);

/** The delivery log: one row per HTTP attempt. */
export const webhookDeliveryAttempts = pgTable(
  "webhook_delivery_attempts",
  {
    id: id(),
    deliveryId: uuid("delivery_id")
      .notNull()
      .references(() => webhookDeliveries.id, { onDelete: "cascade" }),
    attempt: integer("attempt").notNull(),
    startedAt: timestampColumn("started_at").notNull(),
    statusCode: integer("status_code"),
    durationMs: integer("duration_ms").notNull(),
    succeeded: boolean("succeeded").notNull(),
    /** Never the response body: receivers may echo what we sent. */
    error: text("error"),
  },
  (t) => [index("webhook_delivery_attempts_delivery_idx").on(t.deliveryId, t.attempt)],
);

export type Webhook = typeof webhooks.$inferSelect;
export type WebhookDelivery = typeof webhookDeliveries.$inferSelect;
