import type { Resolver } from "@/lib/webhooks/address-policy";
import { webhookKey } from "@/lib/webhooks/secret-box";
import type { Sender } from "@/lib/webhooks/send";

/** Webhook dependencies for database tests: a fixed key, and every host resolving to one public address. */
export const secretKey = webhookKey("a-test-auth-secret-that-is-long-enough-000");
export const resolve: Resolver = async () => [{ address: "93.184.216.34", family: 4 }];
export const deps = { allowLoopback: false, secretKey, resolve };

/** A receiver that records what it got and answers with `status(deliveryCount)`. */
export function receiver(status: (n: number) => number = () => 204) {
  const received: { id: string; body: string; headers: Record<string, string> }[] = [];
  const send: Sender = async ({ headers, body }) => {
    received.push({ id: headers["webhook-id"]!, body, headers });
    const code = status(received.length);
    return { statusCode: code, error: code < 300 ? null : `HTTP ${code}`, durationMs: 1 };
  };
  return { received, send };
}
