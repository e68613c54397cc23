import "server-only";
import { getDb } from "@/db/client";
import { authSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";
import { webhookKey } from "./secret-box";
import { createDeliveryWorker, type DeliveryWorker } from "./worker";

/** How this server treats webhooks: from the environment and the auth secret. */
export function webhookRuntime() {
  const config = env();
  return {
    allowLoopback: config.KEYWARD_WEBHOOK_ALLOW_PRIVATE,
    schedule: config.KEYWARD_WEBHOOK_RETRY_SCHEDULE,
    secretKey: webhookKey(authSecret()),
  };
}

const holder = globalThis as unknown as { __keywardWebhookWorker?: DeliveryWorker };

/** Starts this process's delivery worker once (dev reloads reuse it). */
export async function startWebhookWorker(): Promise<void> {
  if (holder.__keywardWebhookWorker) return;
  const worker = createDeliveryWorker({ db: await getDb(), ...webhookRuntime() });
  holder.__keywardWebhookWorker = worker;
  worker.start();
}

/** Shutdown: stops this process's worker and hands its claims back (see DeliveryWorker.stop). */
export async function stopWebhookWorker(): Promise<number> {
  const worker = holder.__keywardWebhookWorker;
  if (!worker) return 0;
  holder.__keywardWebhookWorker = undefined;
  return worker.stop();
}
