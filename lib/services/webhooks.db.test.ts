import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, webhookDeliveries, webhooks } from "@/db/schema";
import { hashSecret } from "@/lib/secrets";
import { authorFor, createOrganization, NO_META } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { deps, receiver, resolve, secretKey } from "@/lib/testing/webhooks";
import { TEST_EVENT_TYPE } from "@/lib/webhooks/constants";
import { createDeliveryWorker } from "@/lib/webhooks/worker";
import { createWebhook, rollWebhookSecret, rotateReportedWebhookSecret, sendTestEvent, stopPreviousWebhookSecret } from "./webhooks";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.close());

/** What a worker run sent to `webhookId`: the worker also sends what other tests left queued. */
async function sentTo(webhookId: string, received: { id: string; body: string; headers: Record<string, string> }[]) {
  const ours = new Set((await t.db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId))).map((d) => d.id));
  return received.filter((delivery) => ours.has(delivery.id));
}

async function hookOf(author: ReturnType<typeof authorFor>, url: string) {
  const created = await createWebhook(t.db, author, { url, entity: "Webhook", operationType: "Update" }, NO_META, deps);
  if (!created.ok) throw new Error(created.message);
  return created.value;
}

describe("Roll signing secret", () => {
  it("gives the owner a new secret at once: stored as a hash beside the sealed secret, audited, a Webhook Update, and the only one deliveries are signed with", async () => {
    const { org, people } = await createOrganization(t.db, "rolling", [{ name: "Rory Roll", roles: ["member"] }]);
    const rory = authorFor(people[0]!);
    const { webhook, secret: old } = await hookOf(rory, "https://hooks.example.com/roll");
    const [created] = await t.db.select().from(webhooks).where(eq(webhooks.id, webhook.id));
    expect(created!.secretHash).toBe(hashSecret(old));
    const queued = await sendTestEvent(t.db, rory, "own", webhook.id, NO_META);
    if (!queued.ok) throw new Error(queued.message);

    const rolled = await rollWebhookSecret(t.db, rory, webhook.id, "now", NO_META, deps);
    if (!rolled.ok) throw new Error(rolled.message);
    const { secret } = rolled.value;
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(old);
    const [row] = await t.db.select().from(webhooks).where(eq(webhooks.id, webhook.id));
    expect(row).toMatchObject({ secretHash: hashSecret(secret), previousSecretHash: hashSecret(old) });
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.organizationId, org.id));
    const event = audit.find((e) => e.action === "webhook.secret_rolled");
    expect(event).toMatchObject({ actorType: "user", actorId: people[0]!.id, targetId: webhook.id, targetLabel: webhook.url });
    expect(JSON.stringify(event!.metadata)).not.toContain(secret.slice(6));
    const deliveries = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhook.id));
    expect(deliveries.map((d) => d.eventType).sort()).toEqual([TEST_EVENT_TYPE, "Webhook.Update"].sort());

    // The test event was queued before the roll: it too is signed with the new secret, the old one verifies nothing.
    const { received, send } = receiver();
    await createDeliveryWorker({ db: t.db, schedule: [], allowLoopback: false, secretKey, resolve, log: () => {}, send }).runOnce();
    expect(received).toHaveLength(2);
    for (const delivery of received) {
      expect(() => new Webhook(secret).verify(delivery.body, delivery.headers)).not.toThrow();
      expect(() => new Webhook(old).verify(delivery.body, delivery.headers)).toThrow();
    }
  });

  it("refuses anyone but the owner, an Administrator of the organisation or a person of another one, as not found, changing nothing", async () => {
    const { people } = await createOrganization(t.db, "rolling-owner", [
      { name: "Owen Owner", roles: ["member"] },
      { name: "Ada Admin", roles: ["administrator"] },
    ]);
    const { people: strangers } = await createOrganization(t.db, "rolling-other", [{ name: "Gus Globex", roles: ["administrator"] }]);
    const { webhook } = await hookOf(authorFor(people[0]!), "https://hooks.example.com/owned");
    const [before] = await t.db.select().from(webhooks).where(eq(webhooks.id, webhook.id));

    for (const someone of [people[1]!, strangers[0]!]) {
      expect(await rollWebhookSecret(t.db, authorFor(someone), webhook.id, "24h", NO_META, deps)).toMatchObject({ ok: false, reason: "not_found" });
    }
    expect(await rollWebhookSecret(t.db, { audit: authorFor(people[0]!).audit, userId: null }, webhook.id, "24h", NO_META, deps)).toMatchObject({
      ok: false,
      reason: "not_found",
    });
    const [after] = await t.db.select().from(webhooks).where(eq(webhooks.id, webhook.id));
    expect(after).toEqual(before);
    const rolls = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, webhook.id));
    expect(rolls.map((e) => e.action)).toEqual(["webhook.created"]);
  });

  it("with a grace, signs every delivery with both secrets until it ends; then, or once stopped, with the new one alone", async () => {
    const { org, people } = await createOrganization(t.db, "rolling-grace", [{ name: "Gail Grace", roles: ["member"] }]);
    const gail = authorFor(people[0]!);
    const { webhook, secret: old } = await hookOf(gail, "https://hooks.example.com/grace");
    const rolledAt = new Date();
    const rolled = await rollWebhookSecret(t.db, gail, webhook.id, "1h", NO_META, deps, rolledAt);
    if (!rolled.ok) throw new Error(rolled.message);
    const { secret } = rolled.value;
    const endsAt = new Date(rolledAt.getTime() + 3600_000);
    expect(rolled.value.webhook.previousSecretExpiresAt).toEqual(endsAt);
    const [rollEvent] = await t.db.select().from(auditEvents).where(and(eq(auditEvents.action, "webhook.secret_rolled"), eq(auditEvents.targetId, webhook.id)));
    expect(rollEvent?.metadata).toMatchObject({ grace: "1 hour", previousSecretExpiresAt: endsAt.toISOString() });

    const deliver = async () => {
      const queued = await sendTestEvent(t.db, gail, "own", webhook.id, NO_META);
      if (!queued.ok) throw new Error(queued.message);
      const { received, send } = receiver();
      await createDeliveryWorker({ db: t.db, schedule: [], allowLoopback: false, secretKey, resolve, log: () => {}, send }).runOnce();
      return sentTo(webhook.id, received);
    };
    // During the grace: two signatures, either secret verifies (the Webhook Update of the roll is delivered too).
    const during = await deliver();
    expect(during.length).toBeGreaterThan(0);
    for (const delivery of during) {
      expect(delivery.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
      expect(() => new Webhook(secret).verify(delivery.body, delivery.headers)).not.toThrow();
      expect(() => new Webhook(old).verify(delivery.body, delivery.headers)).not.toThrow();
    }

    // Stopped early by the owner: one signature, the old secret verifies nothing; a second stop has nothing to stop.
    expect(await stopPreviousWebhookSecret(t.db, gail, webhook.id, NO_META)).toMatchObject({ ok: true, value: { previousSecretExpiresAt: null } });
    // The test event, and the stop's own Webhook Update.
    const after = await deliver();
    expect(after).toHaveLength(2);
    for (const delivery of after) {
      expect(delivery.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
      expect(() => new Webhook(secret).verify(delivery.body, delivery.headers)).not.toThrow();
      expect(() => new Webhook(old).verify(delivery.body, delivery.headers)).toThrow();
    }
    expect(await stopPreviousWebhookSecret(t.db, gail, webhook.id, NO_META)).toMatchObject({ ok: false, reason: "not_found" });
    const actions = (await t.db.select().from(auditEvents).where(eq(auditEvents.organizationId, org.id))).map((e) => e.action);
    expect(actions.filter((a) => a === "webhook.previous_secret_stopped")).toHaveLength(1);
  });

  it("stops signing with the replaced secret when its grace has run out, without anyone stopping it", async () => {
    const { people } = await createOrganization(t.db, "rolling-expiry", [{ name: "Ezra Expiry", roles: ["member"] }]);
    const ezra = authorFor(people[0]!);
    const { webhook, secret: old } = await hookOf(ezra, "https://hooks.example.com/expiry");
    const rolledAt = new Date(Date.now() - 3600_000 - 1000);
    const rolled = await rollWebhookSecret(t.db, ezra, webhook.id, "1h", NO_META, deps, rolledAt);
    if (!rolled.ok) throw new Error(rolled.message);
    const queued = await sendTestEvent(t.db, ezra, "own", webhook.id, NO_META);
    if (!queued.ok) throw new Error(queued.message);
    const { received, send } = receiver();
    await createDeliveryWorker({ db: t.db, schedule: [], allowLoopback: false, secretKey, resolve, log: () => {}, send }).runOnce();
    const sent = await sentTo(webhook.id, received);
    expect(sent.length).toBeGreaterThan(0);
    for (const delivery of sent) {
      expect(() => new Webhook(rolled.value.secret).verify(delivery.body, delivery.headers)).not.toThrow();
      expect(() => new Webhook(old).verify(delivery.body, delivery.headers)).toThrow();
    }
    expect(await stopPreviousWebhookSecret(t.db, ezra, webhook.id, NO_META)).toMatchObject({ ok: false, reason: "not_found" });
  });

  it("lets only the owner stop the previous secret, and a leak report of it stops it at once", async () => {
    const { people } = await createOrganization(t.db, "rolling-leak", [
      { name: "Lee Leak", roles: ["member"] },
      { name: "Ada Admin", roles: ["administrator"] },
    ]);
    const lee = authorFor(people[0]!);
    const { webhook, secret: old } = await hookOf(lee, "https://hooks.example.com/leak");
    const rolled = await rollWebhookSecret(t.db, lee, webhook.id, "7d", NO_META, deps);
    if (!rolled.ok) throw new Error(rolled.message);
    expect(await stopPreviousWebhookSecret(t.db, authorFor(people[1]!), webhook.id, NO_META)).toMatchObject({ ok: false, reason: "not_found" });

    expect(await rotateReportedWebhookSecret(t.db, hashSecret(old), NO_META, secretKey)).toBe(true);
    const [row] = await t.db.select().from(webhooks).where(eq(webhooks.id, webhook.id));
    // The current secret, which did not leak, stays; the leaked one signs nothing more.
    expect(row).toMatchObject({ secretHash: hashSecret(rolled.value.secret), previousSecretCiphertext: null, previousSecretExpiresAt: null });
    const stops = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "webhook.previous_secret_stopped"));
    expect(stops.filter((e) => e.targetId === webhook.id)).toMatchObject([{ actorType: "system" }]);
    // A second report of it is recognised and changes nothing more.
    expect(await rotateReportedWebhookSecret(t.db, hashSecret(old), NO_META, secretKey)).toBe(true);
    const again = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "webhook.previous_secret_stopped"));
    expect(again.filter((e) => e.targetId === webhook.id)).toHaveLength(1);
  });

  it("rolls a reported current secret with no grace, so neither the leaked secret nor an older one keeps signing", async () => {
    const { people } = await createOrganization(t.db, "rolling-leak-current", [{ name: "Cy Current", roles: ["member"] }]);
    const cy = authorFor(people[0]!);
    const { webhook } = await hookOf(cy, "https://hooks.example.com/leak-current");
    const rolled = await rollWebhookSecret(t.db, cy, webhook.id, "7d", NO_META, deps);
    if (!rolled.ok) throw new Error(rolled.message);
    expect(await rotateReportedWebhookSecret(t.db, hashSecret(rolled.value.secret), NO_META, secretKey)).toBe(true);
    const [row] = await t.db.select().from(webhooks).where(eq(webhooks.id, webhook.id));
    expect(row).toMatchObject({ previousSecretHash: hashSecret(rolled.value.secret), previousSecretCiphertext: null, previousSecretExpiresAt: null });
  });
});
