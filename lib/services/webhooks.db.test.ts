import { eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, webhookDeliveries, webhooks } from "@/db/schema";
import { hashSecret } from "@/lib/secrets";
import { authorFor, createOrganization, NO_META } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { deps, receiver, resolve, secretKey } from "@/lib/testing/webhooks";
import { TEST_EVENT_TYPE } from "@/lib/webhooks/constants";
import { createDeliveryWorker } from "@/lib/webhooks/worker";
import { createWebhook, rollWebhookSecret, sendTestEvent } from "./webhooks";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.close());

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

    const rolled = await rollWebhookSecret(t.db, rory, webhook.id, NO_META, deps);
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
      expect(await rollWebhookSecret(t.db, authorFor(someone), webhook.id, NO_META, deps)).toMatchObject({ ok: false, reason: "not_found" });
    }
    expect(await rollWebhookSecret(t.db, { audit: authorFor(people[0]!).audit, userId: null }, webhook.id, NO_META, deps)).toMatchObject({
      ok: false,
      reason: "not_found",
    });
    const [after] = await t.db.select().from(webhooks).where(eq(webhooks.id, webhook.id));
    expect(after).toEqual(before);
    const rolls = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, webhook.id));
    expect(rolls.map((e) => e.action)).toEqual(["webhook.created"]);
  });
});
