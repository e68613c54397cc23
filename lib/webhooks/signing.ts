import { createHmac } from "node:crypto";
import { WEBHOOK_SECRET_PREFIX } from "@/lib/secrets";

/**
 * Standard Webhooks signatures (https://www.standardwebhooks.com): HMAC-SHA256 over `<id>.<timestamp>.<body>` with
 * the key bytes of `whsec_<base64>`, sent as `webhook-signature: v1,<base64>`.
 */
export function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): string {
  const key = Buffer.from(secret.startsWith(WEBHOOK_SECRET_PREFIX) ? secret.slice(WEBHOOK_SECRET_PREFIX.length) : secret, "base64");
  const mac = createHmac("sha256", key).update(`${id}.${timestampSeconds}.${body}`, "utf8").digest("base64");
  return `v1,${mac}`;
}

/**
 * The three headers of a delivery, signed with each of `secrets` (the current one first; during a roll's grace also
 * the replaced one), space-separated as the scheme allows: a receiver accepts the delivery if any signature verifies.
 */
export function webhookHeaders(secrets: readonly [string, ...string[]], id: string, body: string, now = new Date()): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": secrets.map((secret) => signWebhook(secret, id, timestamp, body)).join(" "),
  };
}
