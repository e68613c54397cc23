import { randomUUID } from "node:crypto";
import { and, asc, eq, inArray, isNull, lt, lte, or, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { webhookDeliveries, webhookDeliveryAttempts, webhooks } from "@/db/schema";
import { systemActor, writeAudit } from "@/lib/audit";
import { isDatabaseUnavailable } from "@/lib/db-errors";
import { checkWebhookAddress, type Resolver } from "./address-policy";
import { previousSigns } from "./previous-secret";
import { openSecret } from "./secret-box";
import { sendWebhook, type Sender, type SendResult } from "./send";
import { webhookHeaders } from "./signing";

export interface WorkerOptions {
  db: Db;
  /** Seconds to wait before each retry; its length is the number of retries. */
  schedule: number[];
  allowLoopback: boolean;
  /** The key that opens signing secrets (see secret-box.ts). */
  secretKey: Buffer;
  send?: Sender;
  resolve?: Resolver;
  /** How long a claim holds: longer than the request timeout, so a live worker is never overtaken. */
  leaseMs?: number;
  timeoutMs?: number;
  batchSize?: number;
  pollMs?: number;
  /** Jitter as a fraction of each delay (0.2 = up to 20 % later). */
  jitter?: number;
  log?: (message: string) => void;
}

export interface DeliveryWorker {
  /** Claims and sends one batch of due deliveries; resolves with how many it claimed. */
  runOnce(): Promise<number>;
  start(): void;
  /**
   * Stops polling, lets deliveries in progress finish for up to `graceMs`, then releases the claims still held so
   * that another instance sends them at once rather than after the lease. Resolves with how many it released.
   */
  stop(options?: { graceMs?: number }): Promise<number>;
}

/**
 * The delivery worker: polls the outbox, claims due rows with FOR UPDATE SKIP LOCKED under a lease, sends them
 * signed, and records every attempt. Any number of workers (one per app instance) can run on one database: a row is
 * claimed by one at a time, and a crashed worker's claims expire so another sends them (at least once, never lost).
 */
export function createDeliveryWorker(options: WorkerOptions): DeliveryWorker {
  const {
    db,
    schedule,
    allowLoopback,
    secretKey,
    send = sendWebhook,
    resolve,
    leaseMs = 60_000,
    timeoutMs = 15_000,
    batchSize = 10,
    pollMs = 1_000,
    jitter = 0.2,
    log = (message) => console.warn(`[keyward] webhooks: ${message}`),
  } = options;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let running: Promise<unknown> | undefined;
  let stopped = true;
  let outage = false;
  /** Claim tokens of the batches in progress: what stop() releases. */
  const held = new Set<string>();

  async function claim(token: string): Promise<{ id: string; token: string }[]> {
    const due = db
      .select({ id: webhookDeliveries.id })
      .from(webhookDeliveries)
      .where(
        and(
          eq(webhookDeliveries.status, "pending"),
          lte(webhookDeliveries.nextAttemptAt, sql`now()`),
          or(isNull(webhookDeliveries.lockedUntil), lt(webhookDeliveries.lockedUntil, sql`now()`)),
        ),
      )
      .orderBy(asc(webhookDeliveries.nextAttemptAt))
      .limit(batchSize)
      .for("update", { skipLocked: true });
    const claimed = await db
      .update(webhookDeliveries)
      .set({ claimToken: token, lockedUntil: sql`now() + ${`${leaseMs} milliseconds`}::interval` })
      .where(inArray(webhookDeliveries.id, due))
      .returning({ id: webhookDeliveries.id });
    return claimed.map((row) => ({ id: row.id, token }));
  }

  async function process({ id, token }: { id: string; token: string }) {
    const [row] = await db
      .select({ delivery: webhookDeliveries, webhook: webhooks })
      .from(webhookDeliveries)
      .innerJoin(webhooks, eq(webhooks.id, webhookDeliveries.webhookId))
      .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.claimToken, token)));
    if (!row) return;
    const { delivery, webhook } = row;
    const fence = and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.claimToken, token));

    // Off sends nothing, and switching On later does not replay what was missed.
    if (webhook.status === "Off") {
      await db
        .update(webhookDeliveries)
        .set({ status: "skipped", completedAt: new Date(), claimToken: null, lockedUntil: null, lastError: "The webhook was Off." })
        .where(fence);
      return;
    }

    const startedAt = new Date();
    const body = JSON.stringify(delivery.payload);
    let result: SendResult;
    // Checked again at every delivery: the host may resolve elsewhere since the webhook was created.
    const check = await checkWebhookAddress(webhook.url, { allowLoopback, resolve });
    const secrets = check.ok ? signingSecrets(webhook, startedAt) : null;
    if (!check.ok) result = { statusCode: null, error: check.message, durationMs: 0 };
    else if (!secrets) result = { statusCode: null, error: "The signing secret cannot be read.", durationMs: 0 };
    else {
      result = await send({
        url: check.url,
        address: check.addresses[0]!,
        headers: webhookHeaders(secrets, delivery.id, body, startedAt),
        body,
        timeoutMs,
      });
    }
    await record(delivery, webhook, token, startedAt, result);
  }

  /** The current signing secret, then the replaced one while its grace lasts; null when the current one cannot be read. */
  function signingSecrets(webhook: typeof webhooks.$inferSelect, at: Date): [string, ...string[]] | null {
    try {
      const current = openSecret(webhook.secretCiphertext, webhook.id, secretKey);
      return previousSigns(webhook, at) ? [current, openSecret(webhook.previousSecretCiphertext, webhook.id, secretKey)] : [current];
    } catch {
      log(`cannot open the signing secret of webhook ${webhook.id} (was the auth secret changed?)`);
      return null;
    }
  }

  async function record(
    delivery: typeof webhookDeliveries.$inferSelect,
    webhook: typeof webhooks.$inferSelect,
    token: string,
    startedAt: Date,
    result: SendResult,
  ) {
    const succeeded = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const gone = result.statusCode === 410;
    const attempt = delivery.attempts + 1;
    const retries = succeeded ? delivery.retries : delivery.retries + 1;
    const retryAfter = !succeeded && !gone ? schedule[delivery.retries] : undefined;
    const status = succeeded ? "succeeded" : retryAfter !== undefined ? "pending" : "failed";
    const delayMs = retryAfter !== undefined ? retryAfter * 1000 * (1 + Math.random() * jitter) : 0;

    await db.transaction(async (tx) => {
      const updated = await tx
        .update(webhookDeliveries)
        .set({
          status,
          attempts: attempt,
          retries,
          nextAttemptAt: status === "pending" ? new Date(Date.now() + delayMs) : delivery.nextAttemptAt,
          claimToken: null,
          lockedUntil: null,
          lastStatusCode: result.statusCode,
          lastError: result.error,
          completedAt: status === "pending" ? null : new Date(),
        })
        .where(and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.claimToken, token)))
        .returning({ id: webhookDeliveries.id });
      // Our lease ran out and another worker owns the row now: it records its own attempt.
      if (updated.length === 0) return;
      await tx.insert(webhookDeliveryAttempts).values({
        deliveryId: delivery.id,
        attempt,
        startedAt,
        statusCode: result.statusCode,
        durationMs: result.durationMs,
        succeeded,
        error: result.error,
      });
      if (gone) {
        // 410 Gone: the receiver asks us to stop; the webhook is switched Off until its owner switches it On.
        const reason = "The receiver answered 410 Gone, so Keyward switched this webhook Off.";
        const off = await tx
          .update(webhooks)
          .set({ status: "Off", disabledReason: reason, updatedAt: new Date() })
          .where(and(eq(webhooks.id, webhook.id), eq(webhooks.status, "On")))
          .returning({ id: webhooks.id });
        if (off.length > 0) {
          await writeAudit(
            tx,
            systemActor(webhook.organizationId),
            {
              action: "webhook.disabled",
              target: { id: webhook.id, label: webhook.url },
              metadata: { status: { from: "On", to: "Off" }, reason: "410 Gone" },
              ownerUserId: webhook.userId,
            },
            { ip: null, userAgent: null },
          );
        }
      }
    });
  }

  async function runOnce(): Promise<number> {
    const token = randomUUID();
    held.add(token);
    try {
      const claimed = await claim(token);
      await Promise.all(
        claimed.map((item) =>
          process(item).catch((error: unknown) => log(`delivery ${item.id} failed: ${error instanceof Error ? error.message : error}`)),
        ),
      );
      return claimed.length;
    } finally {
      // Each claimed row is recorded now (which clears its token), or failed and waits for its lease.
      held.delete(token);
    }
  }

  /** Clears the claims of `tokens` on rows not yet recorded: they are due again for every worker. */
  async function release(tokens: string[]): Promise<number> {
    if (tokens.length === 0) return 0;
    const released = await db
      .update(webhookDeliveries)
      .set({ claimToken: null, lockedUntil: null })
      .where(and(inArray(webhookDeliveries.claimToken, tokens), eq(webhookDeliveries.status, "pending")))
      .returning({ id: webhookDeliveries.id });
    return released.length;
  }

  function poll(delay: number) {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runOnce()
        .then((count) => {
          if (outage) log("the database answers again; sending resumes.");
          outage = false;
          return count;
        })
        .catch((error: unknown) => {
          // One line per outage, not one per second: the claims wait in the database meanwhile.
          if (!isDatabaseUnavailable(error)) log(`poll failed: ${error instanceof Error ? error.message : error}`);
          else if (!outage) log("the database is not answering; deliveries wait until it does.");
          outage ||= isDatabaseUnavailable(error);
          return 0;
        })
        .then((count) => poll(count === batchSize ? 0 : pollMs));
    }, delay);
    timer.unref?.();
  }

  return {
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      poll(0);
    },
    async stop({ graceMs = 2_000 } = {}) {
      stopped = true;
      clearTimeout(timer);
      let timeout: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([running, new Promise((resolve) => (timeout = setTimeout(resolve, graceMs)))]);
      clearTimeout(timeout);
      // A delivery still in progress may reach its receiver and be sent again by another instance: at least once,
      // as after a crash, and receivers de-duplicate on webhook-id. Its late result is not recorded (the fence).
      const tokens = [...held];
      held.clear();
      try {
        return await release(tokens);
      } catch (error) {
        log(`could not release claims on shutdown (their lease expires instead): ${error instanceof Error ? error.message : error}`);
        return 0;
      }
    },
  };
}
