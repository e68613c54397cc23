import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, webhookDeliveries, webhooks } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import {
  archiveApiKey,
  createAccessCode,
  createApiKey,
  deleteAccessCode,
  deleteApiKey,
  setAccessCodeEnabled,
  updateAccessCode,
  updateApiKey,
} from "@/lib/services/api-keys";
import { deleteCompanyCredentials, generateCompanyCredentials, rollClientSecret } from "@/lib/services/company-credentials";
import { updatePersonRoles } from "@/lib/services/people";
import { enablePersonalKey, regeneratePersonalKey, turnOffPersonalKey } from "@/lib/services/personal-api-keys";
import {
  createWebhook,
  deleteWebhook,
  resendDelivery,
  sendTestEvent,
  updateWebhook,
} from "@/lib/services/webhooks";
import { createApiKeySchema } from "@/lib/validators/api-keys";
import { authorFor, createOrganization, NO_META, setRoles } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { deps, receiver, resolve, secretKey } from "@/lib/testing/webhooks";
import {
  TEST_EVENT_TYPE,
  WEBHOOK_ENTITIES,
  WEBHOOK_OFF_RESEND,
  WEBHOOK_OFF_TEST,
  type WebhookEntity,
  type WebhookOperation,
} from "./constants";
import type { Sender } from "./send";
import { operationsOf } from "./subscriptions";
import { runExpiryJob } from "@/lib/expiry/job";
import { DAY_MS } from "@/lib/expiry/thresholds";
import { createDeliveryWorker } from "./worker";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.close());

/** A person of a test organisation, as the services take them. */
type Person = Parameters<typeof authorFor>[0];

const must = <T>(result: { ok: true; value: T } | { ok: false; message: string }): T => {
  if (!result.ok) throw new Error(result.message);
  return result.value;
};

const hook = async (owner: Person, entity: WebhookEntity, operationType: WebhookOperation) =>
  must(await createWebhook(t.db, authorFor(owner), { url: `https://hooks.example.com/${entity}/${operationType}`, entity, operationType }, NO_META, deps));

const deliveriesOf = (webhookId: string) => t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));

const runWorker = (send: Sender) =>
  createDeliveryWorker({ db: t.db, schedule: [], allowLoopback: false, secretKey, resolve, log: () => {}, send }).runOnce();

// Runs most of the console's services in turn: seconds of CPU, far more when the shared cores are busy.
describe("every pair the webhook form offers", () => {
  it("receives its event from the console's real flows", async () => {
    const { people } = await createOrganization(t.db, "pairs", [
      { name: "Ada Pairs", roles: ["administrator", "office_lead"] },
      { name: "Max Pairs", roles: ["member"] },
    ]);
    const [ada, max] = people as unknown as [Person, Person];
    const as = authorFor(ada);
    // Webhook Create is heard only by webhooks that exist before the others are added.
    const subscribed = new Map<string, string>();
    const pairs = WEBHOOK_ENTITIES.flatMap((entity) => operationsOf(entity).map((operation) => ({ entity, operation })));
    const ordered = [...pairs.filter((p) => p.entity === "Webhook"), ...pairs.filter((p) => p.entity !== "Webhook")];
    for (const { entity, operation } of ordered) subscribed.set(`${entity}.${operation}`, (await hook(ada, entity, operation)).webhook.id);

    must(await updatePersonRoles(t.db, as, { userId: max.id, roles: ["member", "office_lead"] }, NO_META));
    must(await generateCompanyCredentials(t.db, as, NO_META));
    must(await rollClientSecret(t.db, as, "now", NO_META));
    must(await deleteCompanyCredentials(t.db, as, NO_META));
    const { key, code } = must(await createApiKey(t.db, as, createApiKeySchema.parse({ name: "Pairs", policies: [] }), NO_META));
    must(await updateApiKey(t.db, as, key.publicId, { description: "Edited" }, NO_META));
    const second = must(await createAccessCode(t.db, as, key.publicId, { description: "Next", validDays: 30 }, NO_META));
    must(await updateAccessCode(t.db, as, key.publicId, code.id, { description: "First" }, NO_META));
    must(await setAccessCodeEnabled(t.db, as, key.publicId, second.code.id, false, NO_META));
    must(await deleteAccessCode(t.db, as, key.publicId, second.code.id, NO_META));
    must(await archiveApiKey(t.db, as, key.publicId, NO_META));
    must(await deleteApiKey(t.db, as, key.publicId, NO_META));
    must(await enablePersonalKey(t.db, as, NO_META));
    must(await regeneratePersonalKey(t.db, as, NO_META));
    must(await turnOffPersonalKey(t.db, as, NO_META));
    const extra = await hook(ada, "User", "Update");
    must(await updateWebhook(t.db, as, "own", extra.webhook.id, { status: "Off" }, NO_META, deps));
    must(await deleteWebhook(t.db, as, "own", extra.webhook.id, NO_META));
    // Expiring and Expired come from the expiry job, run with the clock moved.
    const expiring = must(await createApiKey(t.db, as, createApiKeySchema.parse({ name: "Expiring", policies: [] }), NO_META));
    must(await createAccessCode(t.db, as, expiring.key.publicId, { description: "Soon", validDays: 10 }, NO_META));
    must(await enablePersonalKey(t.db, authorFor(max), NO_META, "30"));
    for (const days of [0, 20, 31]) await runExpiryJob(t.db, new Date(Date.now() + days * DAY_MS));

    const { received, send } = receiver();
    while ((await runWorker(send)) > 0);
    const types = new Set(received.map((r) => (JSON.parse(r.body) as { type: string }).type));
    for (const [pair, webhookId] of subscribed) {
      expect(types.has(pair), pair).toBe(true);
      expect((await deliveriesOf(webhookId)).map((d) => d.eventType), pair).toContain(pair);
    }
  }, 60_000);
});

describe("subscribing", () => {
  it("refuses a Member ApiKey events they could never receive, and pairs nothing emits", async () => {
    const { people } = await createOrganization(t.db, "refusals", [{ name: "Max Refused", roles: ["member"] }]);
    const max = people[0]! as Person;
    const input = { url: "https://hooks.example.com/keys", entity: "ApiKey" as const, operationType: "Create" as const };
    expect(await createWebhook(t.db, authorFor(max), input, NO_META, deps)).toMatchObject({
      ok: false,
      reason: "forbidden",
      field: "entity",
      message: "Only Administrators receive ApiKey events: you cannot see ApiKey changes.",
    });
    expect(await createWebhook(t.db, authorFor(max), { ...input, entity: "User" }, NO_META, deps)).toMatchObject({
      ok: false,
      reason: "invalid",
      field: "operationType",
    });
    expect(await t.db.select().from(webhooks).where(eq(webhooks.userId, max.id))).toHaveLength(0);
  });

  it("accepts through the API every documented pair the console refuses, and switching such a webhook On", async () => {
    const { people } = await createOrganization(t.db, "documented", [{ name: "Max Documented", roles: ["member"] }]);
    const max = people[0]! as Person;
    const input = { url: "https://hooks.example.com/keys", entity: "ApiKey" as const, operationType: "Create" as const };
    const keys = must(await createWebhook(t.db, authorFor(max), input, NO_META, deps, "documented"));
    must(await createWebhook(t.db, authorFor(max), { ...input, entity: "User" }, NO_META, deps, "documented"));
    must(await updateWebhook(t.db, authorFor(max), "own", keys.webhook.id, { status: "Off" }, NO_META, deps, "documented"));
    expect(must(await updateWebhook(t.db, authorFor(max), "own", keys.webhook.id, { status: "On" }, NO_META, deps, "documented")).status).toBe("On");
    expect(await t.db.select().from(webhooks).where(eq(webhooks.userId, max.id))).toHaveLength(2);
  });

  it("refuses switching On a webhook whose owner can no longer see its entity", async () => {
    const { people } = await createOrganization(t.db, "demoted", [{ name: "Dee Moted", roles: ["administrator"] }]);
    const dee = people[0]! as Person;
    const { webhook } = await hook(dee, "AccessCode", "Delete");
    must(await updateWebhook(t.db, authorFor(dee), "own", webhook.id, { status: "Off" }, NO_META, deps));
    await setRoles(t.db, dee.id, ["member"]);
    expect(await updateWebhook(t.db, authorFor(dee), "own", webhook.id, { status: "On" }, NO_META, deps)).toMatchObject({
      ok: false,
      reason: "forbidden",
      field: "status",
    });
    const [row] = await t.db.select().from(webhooks).where(eq(webhooks.id, webhook.id));
    expect(row?.status).toBe("Off");
  });
});

describe("resending and testing", () => {
  async function failedDelivery(slug: string) {
    const { people } = await createOrganization(t.db, slug, [
      { name: `${slug} Owner`, roles: ["member"] },
      { name: `${slug} Other`, roles: ["member"] },
    ]);
    const [owner, other] = people as unknown as [Person, Person];
    const created = await hook(owner, "User", "Update");
    await writeAudit(t.db, authorFor(owner).audit, { action: "person.roles_updated", target: { id: owner.id } }, NO_META);
    await runWorker(receiver(() => 500).send);
    const [delivery] = await deliveriesOf(created.webhook.id);
    expect(delivery?.status).toBe("failed");
    return { owner, other, created, delivery: delivery! };
  }

  it("refuses to resend to an Off webhook and leaves the Failed delivery as it was", async () => {
    const { owner, created, delivery } = await failedDelivery("offresend");
    must(await updateWebhook(t.db, authorFor(owner), "own", created.webhook.id, { status: "Off" }, NO_META, deps));
    expect(await resendDelivery(t.db, authorFor(owner), "own", { deliveryId: delivery.id }, NO_META)).toMatchObject({
      ok: false,
      reason: "conflict",
      message: WEBHOOK_OFF_RESEND,
    });
    await runWorker(receiver().send);
    expect(await deliveriesOf(created.webhook.id)).toMatchObject([{ id: delivery.id, status: "failed", attempts: 1 }]);
  });

  it("switches an Off webhook On and resends when asked, both audited", async () => {
    const { owner, created, delivery } = await failedDelivery("switchresend");
    must(await updateWebhook(t.db, authorFor(owner), "own", created.webhook.id, { status: "Off" }, NO_META, deps));
    const resent = must(await resendDelivery(t.db, authorFor(owner), "own", { deliveryId: delivery.id, switchOn: true }, NO_META));
    const ok = receiver();
    await runWorker(ok.send);
    expect(ok.received).toHaveLength(1);
    const [row] = await t.db.select().from(webhooks).where(eq(webhooks.id, created.webhook.id));
    expect(row?.status).toBe("On");
    const rows = await deliveriesOf(created.webhook.id);
    expect(rows.find((d) => d.id === delivery.id)?.status).toBe("failed");
    expect(rows.find((d) => d.id === resent.deliveryId)?.status).toBe("succeeded");
    const audits = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, created.webhook.id));
    expect(audits.map((a) => a.action)).toEqual(expect.arrayContaining(["webhook.updated", "webhook.delivery_resent"]));
  });

  it("does not let another Member resend someone's delivery", async () => {
    const { other, delivery } = await failedDelivery("otherresend");
    expect(await resendDelivery(t.db, authorFor(other), "own", { deliveryId: delivery.id }, NO_META)).toMatchObject({
      ok: false,
      reason: "not_found",
    });
  });

  it("sends a signed test event that the delivery log lists, audited; not to an Off webhook or someone else's", async () => {
    const { owner, other, created } = await failedDelivery("testevent");
    const { deliveryId } = must(await sendTestEvent(t.db, authorFor(owner), "own", created.webhook.id, NO_META));
    const ok = receiver();
    await runWorker(ok.send);
    expect(ok.received).toHaveLength(1);
    const payload = new Webhook(created.secret).verify(ok.received[0]!.body, ok.received[0]!.headers) as {
      type: string;
      data: { test: boolean };
    };
    expect(payload).toMatchObject({ type: TEST_EVENT_TYPE, data: { test: true } });
    expect(ok.received[0]!.headers["webhook-id"]).toBe(deliveryId);
    const [test] = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.id, deliveryId));
    expect(test).toMatchObject({ eventType: TEST_EVENT_TYPE, status: "succeeded" });
    const audits = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "webhook.test_sent"), eq(auditEvents.targetId, created.webhook.id)));
    expect(audits).toHaveLength(1);

    expect(await sendTestEvent(t.db, authorFor(other), "own", created.webhook.id, NO_META)).toMatchObject({ ok: false, reason: "not_found" });
    must(await updateWebhook(t.db, authorFor(owner), "own", created.webhook.id, { status: "Off" }, NO_META, deps));
    expect(await sendTestEvent(t.db, authorFor(owner), "own", created.webhook.id, NO_META)).toMatchObject({
      ok: false,
      reason: "conflict",
      message: WEBHOOK_OFF_TEST,
    });
  });
});
