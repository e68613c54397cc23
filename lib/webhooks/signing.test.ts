import { Webhook } from "standardwebhooks";
import { describe, expect, it } from "vitest";
import { generateWebhookSecret } from "@/lib/secrets";
import { signWebhook, webhookHeaders } from "./signing";
import { openSecret, sealSecret, webhookKey } from "./secret-box";

describe("webhook signing", () => {
  it("produces signatures the standardwebhooks library verifies", () => {
    const secret = generateWebhookSecret();
    const body = JSON.stringify({ type: "User.Update", timestamp: new Date().toISOString(), data: { id: "u1" } });
    const headers = webhookHeaders([secret], "msg_1", body);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(secret).verify(body, headers)).toEqual(JSON.parse(body));
  });

  it("is refused by the library when the body, the id or the secret differ", () => {
    const secret = generateWebhookSecret();
    const headers = webhookHeaders([secret], "msg_2", '{"a":1}');
    expect(() => new Webhook(secret).verify('{"a":2}', headers)).toThrow();
    expect(() => new Webhook(secret).verify('{"a":1}', { ...headers, "webhook-id": "msg_3" })).toThrow();
    expect(() => new Webhook(generateWebhookSecret()).verify('{"a":1}', headers)).toThrow();
  });

  it("signs with every secret given, so a receiver holding either one verifies the delivery", () => {
    const current = generateWebhookSecret();
    const previous = generateWebhookSecret();
    const body = '{"a":1}';
    const headers = webhookHeaders([current, previous], "msg_4", body);
    expect(headers["webhook-signature"]).toMatch(/^v1,[A-Za-z0-9+/]+=* v1,[A-Za-z0-9+/]+=*$/);
    expect(new Webhook(current).verify(body, headers)).toEqual({ a: 1 });
    expect(new Webhook(previous).verify(body, headers)).toEqual({ a: 1 });
    expect(() => new Webhook(generateWebhookSecret()).verify(body, headers)).toThrow();
  });

  it("matches the Standard Webhooks reference vector", () => {
    // From the specification's examples.
    const secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    const body = '{"test": 2432232314}';
    expect(signWebhook(secret, "msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330, body)).toBe(
      "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=",
    );
  });
});

describe("webhook secret box", () => {
  const key = webhookKey("x".repeat(43));

  it("round-trips a secret and never stores it in clear", () => {
    const secret = generateWebhookSecret();
    const box = sealSecret(secret, "hook-1", key);
    expect(box).not.toContain(secret.slice(6, 20));
    expect(openSecret(box, "hook-1", key)).toBe(secret);
  });

  it("refuses a box moved to another webhook or opened under another auth secret", () => {
    const box = sealSecret(generateWebhookSecret(), "hook-1", key);
    expect(() => openSecret(box, "hook-2", key)).toThrow();
    expect(() => openSecret(box, "hook-1", webhookKey("y".repeat(43)))).toThrow();
  });
});
