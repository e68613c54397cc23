import { and, eq } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listWebhooksForUser } from "@/db/queries/webhooks";
import { auditEvents, webhookDeliveries, webhookDeliveryAttempts, webhooks } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import { createApiKey, setAccessCodeEnabled } from "@/lib/services/api-keys";
import { generateCompanyCredentials, rollClientSecret, stopPreviousClientSecret } from "@/lib/services/company-credentials";
import { createApiKeySchema } from "@/lib/validators/api-keys";
import { enablePersonalKey } from "@/lib/services/personal-api-keys";
import { createWebhook, resendDelivery, updateWebhook } from "@/lib/services/webhooks";
import { authorFor, createOrganization, NO_META, setRoles } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { deps, receiver, resolve, secretKey } from "@/lib/testing/webhooks";
import type { WebhookEntity, WebhookOperation } from "./constants";
import type { Sender } from "./send";
import { createDeliveryWorker, type WorkerOptions } from "./worker";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.close());

type Person = { id: string; name: string; organizationId: string };

async function hook(owner: Person, entity: WebhookEntity, operationType: WebhookOperation, path: string = entity) {
  const created = await createWebhook(t.db, authorFor(owner), { url: `https://hooks.example.com/${path}`, entity, operationType }, NO_META, deps);
  if (!created.ok) throw new Error(created.message);
  return created.value;
}

async function pendingFor(webhookId: string) {
  return t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));
}

const worker = (options: Partial<WorkerOptions> & { send: Sender }) =>
  createDeliveryWorker({ db: t.db, schedule: [0, 0], allowLoopback: false, secretKey, resolve, log: () => {}, ...options });

describe("the webhook outbox", () => {
  it("delivers switching an access code back on as AccessCode Update, not Create", async () => {
    const { people } = await createOrganization(t.db, "codes", [{ name: "Ada Codes", roles: ["administrator"] }]);
    const ada = people[0]! as Person;
    const updates = await hook(ada, "AccessCode", "Update", "code-updates");
    const creates = await hook(ada, "AccessCode", "Create", "code-creates");
    const created = await createApiKey(
      t.db,
      authorFor(ada),
      createApiKeySchema.parse({ name: "Gate", policies: [] }),
      NO_META,
    );
    if (!created.ok) throw new Error(created.message);
    const { key, code } = created.value;
    await setAccessCodeEnabled(t.db, authorFor(ada), key.publicId, code.id, false, NO_META);
    await setAccessCodeEnabled(t.db, authorFor(ada), key.publicId, code.id, true, NO_META);

    const { received, send } = receiver();
    await worker({ send }).runOnce();
    const all = received
      .map((r) => JSON.parse(r.body) as { type: string; data: { id: string; action: string } })
      .filter((event) => event.data.id === code.id);
    expect(all.filter((e) => e.data.action === "access_code.enabled").map((e) => e.type)).toEqual(["AccessCode.Update"]);
    expect(all.filter((e) => e.data.action === "access_code.disabled").map((e) => e.type)).toEqual(["AccessCode.Update"]);
    expect(all.filter((e) => e.type === "AccessCode.Create").map((e) => e.data.action)).toEqual(["access_code.created"]);
    expect((await pendingFor(updates.webhook.id)).map((d) => d.eventType)).toEqual(["AccessCode.Update", "AccessCode.Update"]);
    expect((await pendingFor(creates.webhook.id)).map((d) => d.eventType)).toEqual(["AccessCode.Create"]);
  });

  it("delivers rolling the client secret, and stopping the previous one, as CompanyCredentials Update", async () => {
    const { people } = await createOrganization(t.db, "rolls", [{ name: "Lea Rolls", roles: ["office_lead"] }]);
    const lea = people[0]! as Person;
    const updates = await hook(lea, "CompanyCredentials", "Update", "credential-updates");
    const generated = await generateCompanyCredentials(t.db, authorFor(lea), NO_META);
    if (!generated.ok) throw new Error(generated.message);
    const rolled = await rollClientSecret(t.db, authorFor(lea), "24h", NO_META);
    if (!rolled.ok) throw new Error(rolled.message);
    expect(await stopPreviousClientSecret(t.db, authorFor(lea), NO_META)).toMatchObject({ ok: true });

    const { received, send } = receiver();
    await worker({ send }).runOnce();
    const mine = received
      .map((r) => ({ ...r, event: JSON.parse(r.body) as { type: string; data: { id: string; action: string } } }))
      .filter(({ event }) => event.data.id === generated.value.id);
    // Deliveries to one receiver may go out in parallel: compare what arrived, not the order.
    expect(mine.map(({ event }) => [event.type, event.data.action]).sort()).toEqual([
      ["CompanyCredentials.Update", "company_credentials.previous_secret_stopped"],
      ["CompanyCredentials.Update", "company_credentials.rolled"],
    ]);
    // The receiver sees which secret changed by its prefix, never the secret itself.
    for (const { body } of mine) expect(body).not.toContain(rolled.value.clientSecret);
    expect((await pendingFor(updates.webhook.id)).map((d) => d.status)).toEqual(["succeeded", "succeeded"]);
  });

  it("writes one event per On webhook whose owner may see the entity, in the change's transaction", async () => {
    const { people } = await createOrganization(t.db, "fan", [
      { name: "Ada Fan", roles: ["administrator"] },
      { name: "Max Fan", roles: ["member"] },
      { name: "Mia Fan", roles: ["member"] },
    ]);
    const [ada, max, mia] = people as unknown as [Person, Person, Person];
    const adaKeys = await hook(ada, "ApiKey", "Create");
    // Subscribed while an Administrator, then made a Member again: the fan-out reads the roles of each moment.
    await setRoles(t.db, max.id, ["administrator"]);
    const maxKeys = await hook(max, "ApiKey", "Create");
    await setRoles(t.db, max.id, ["member"]);
    const adaUsers = await hook(ada, "User", "Update");
    const maxUsers = await hook(max, "User", "Update");
    const miaUsers = await hook(mia, "User", "Update");
    await updateWebhook(t.db, authorFor(mia), "own", miaUsers.webhook.id, { status: "Off" }, NO_META, deps);
    const maxPersonal = await hook(max, "PersonalApiKey", "Create");
    const miaPersonal = await hook(mia, "PersonalApiKey", "Create");

    await writeAudit(t.db, authorFor(ada).audit, { action: "api_key.created", target: { id: "k1", label: "Billing" } }, NO_META);
    expect(await pendingFor(adaKeys.webhook.id)).toHaveLength(1);
    // A Member cannot see organisation API keys, so hears nothing of them.
    expect(await pendingFor(maxKeys.webhook.id)).toHaveLength(0);

    await writeAudit(t.db, authorFor(ada).audit, { action: "person.roles_updated", target: { id: max.id, label: max.name } }, NO_META);
    expect(await pendingFor(adaUsers.webhook.id)).toHaveLength(1);
    expect(await pendingFor(maxUsers.webhook.id)).toHaveLength(1);
    expect(await pendingFor(miaUsers.webhook.id)).toHaveLength(0);

    // Own personal key events reach the owner only (and administrators).
    await enablePersonalKey(t.db, authorFor(max), NO_META);
    const [event] = await pendingFor(maxPersonal.webhook.id);
    expect(event?.eventType).toBe("PersonalApiKey.Create");
    expect(JSON.stringify(event?.payload)).not.toMatch(/kwpk_[0-9A-Za-z]{36}/);
    expect(await pendingFor(miaPersonal.webhook.id)).toHaveLength(0);

    // Permissions are read at the time of the event: Max as Administrator now hears of API keys.
    await setRoles(t.db, max.id, ["administrator"]);
    await writeAudit(t.db, authorFor(ada).audit, { action: "api_key.deleted", target: { id: "k1" } }, NO_META);
    await writeAudit(t.db, authorFor(ada).audit, { action: "api_key.created", target: { id: "k2" } }, NO_META);
    expect(await pendingFor(maxKeys.webhook.id)).toHaveLength(1);
  });

  it("commits nothing when the change's transaction rolls back", async () => {
    const { people } = await createOrganization(t.db, "rollback", [{ name: "Rol Back", roles: ["administrator"] }]);
    const owner = people[0]!;
    const created = await hook(owner, "User", "Update");
    await expect(
      t.db.transaction(async (tx) => {
        await writeAudit(tx, authorFor(owner).audit, { action: "person.roles_updated", target: { id: owner.id } }, NO_META);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await pendingFor(created.webhook.id)).toHaveLength(0);
  });
});

describe("the delivery worker", () => {
  it("sends signed deliveries that verify with standardwebhooks, and logs the attempt", async () => {
    const { people } = await createOrganization(t.db, "sign", [{ name: "Sig Ner", roles: ["administrator"] }]);
    const owner = people[0]!;
    const created = await hook(owner, "User", "Update");
    await writeAudit(t.db, authorFor(owner).audit, { action: "person.roles_updated", target: { id: owner.id, label: owner.name } }, NO_META);
    const { received, send } = receiver();
    await worker({ send }).runOnce();
    const mine = received.filter((r) => JSON.parse(r.body).data.id === owner.id);
    expect(mine).toHaveLength(1);
    const payload = new Webhook(created.secret).verify(mine[0]!.body, mine[0]!.headers) as { type: string };
    expect(payload.type).toBe("User.Update");
    const [delivery] = await pendingFor(created.webhook.id);
    expect(delivery).toMatchObject({ status: "succeeded", attempts: 1, lastStatusCode: 204 });
    const attempts = await t.db.select().from(webhookDeliveryAttempts).where(eq(webhookDeliveryAttempts.deliveryId, delivery!.id));
    expect(attempts).toMatchObject([{ attempt: 1, statusCode: 204, succeeded: true }]);
    const [listed] = await listWebhooksForUser(t.db, owner.organizationId, owner.id);
    expect(listed?.lastDelivery).toMatchObject({ status: "delivered", statusCode: 204 });
  });

  it("retries failures on its schedule, then gives up; Resend starts again", async () => {
    const { people } = await createOrganization(t.db, "retry", [{ name: "Re Try", roles: ["administrator"] }]);
    const owner = people[0]!;
    const created = await hook(owner, "User", "Update");
    await writeAudit(t.db, authorFor(owner).audit, { action: "person.roles_updated", target: { id: owner.id } }, NO_META);
    const failing = receiver(() => 500);
    const w = worker({ send: failing.send, schedule: [0, 0] });
    for (let i = 0; i < 4; i++) await w.runOnce();
    const [delivery] = await pendingFor(created.webhook.id);
    expect(delivery).toMatchObject({ status: "failed", attempts: 3, lastStatusCode: 500 });

    const resent = await resendDelivery(t.db, authorFor(owner), "own", { deliveryId: delivery!.id }, NO_META);
    if (!resent.ok) throw new Error(resent.message);
    const ok = receiver();
    await worker({ send: ok.send }).runOnce();
    // The resend is a new delivery of the same event; the failed one keeps its record.
    const rows = await pendingFor(created.webhook.id);
    expect(rows.find((row) => row.id === delivery!.id)).toMatchObject({ status: "failed", attempts: 3, lastStatusCode: 500 });
    expect(rows.find((row) => row.id === resent.value.deliveryId)).toMatchObject({ status: "succeeded", attempts: 1 });
    expect(ok.received[0]!.body).toBe(failing.received[0]!.body);
    expect(await resendDelivery(t.db, authorFor(owner), "own", { deliveryId: delivery!.id }, NO_META)).toMatchObject({
      ok: false,
      reason: "conflict",
      message: `This delivery was already resent as ${resent.value.deliveryId}.`,
    });
  });

  it("switches a webhook Off when its receiver answers 410, and sends nothing to Off webhooks", async () => {
    const { people } = await createOrganization(t.db, "gone", [{ name: "Gone Girl", roles: ["administrator"] }]);
    const owner = people[0]!;
    const created = await hook(owner, "User", "Update");
    const event = () => writeAudit(t.db, authorFor(owner).audit, { action: "person.roles_updated", target: { id: owner.id } }, NO_META);
    await event();
    const gone = receiver(() => 410);
    await worker({ send: gone.send }).runOnce();
    const [row] = await t.db.select().from(webhooks).where(eq(webhooks.id, created.webhook.id));
    expect(row).toMatchObject({ status: "Off" });
    expect(row?.disabledReason).toContain("410");
    const audits = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "webhook.disabled"), eq(auditEvents.targetId, created.webhook.id)));
    expect(audits).toHaveLength(1);

    await event();
    expect((await pendingFor(created.webhook.id)).filter((d) => d.status === "pending")).toHaveLength(0);
  });

  it("loses no event across a worker restart: a crashed worker's claims are sent by the next one", async () => {
    const { people } = await createOrganization(t.db, "crash", [{ name: "Cra Sh", roles: ["administrator"] }]);
    const owner = people[0]!;
    const created = await hook(owner, "User", "Update");
    for (let i = 0; i < 3; i++) {
      await writeAudit(t.db, authorFor(owner).audit, { action: "person.roles_updated", target: { id: owner.id } }, NO_META);
    }
    // The first worker claims the events and dies before recording anything.
    const crashing: Sender = async () => {
      throw new Error("process killed");
    };
    const first = worker({ send: crashing, leaseMs: 300 });
    expect(await first.runOnce()).toBeGreaterThanOrEqual(3);
    await first.stop();

    const { received, send } = receiver();
    const second = worker({ send, leaseMs: 300 });
    // While the dead worker's lease holds, nobody sends: a slow worker is never overtaken.
    expect(await second.runOnce()).toBe(0);
    await new Promise((r) => setTimeout(r, 400));
    await second.runOnce();
    const deliveries = await pendingFor(created.webhook.id);
    expect(deliveries.map((d) => d.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(new Set(received.map((r) => r.id))).toEqual(new Set(deliveries.map((d) => d.id)));
  });

  it("hands its claims back when stopped mid-delivery, so another worker sends them without waiting for the lease", async () => {
    const { people } = await createOrganization(t.db, "drain", [{ name: "Dra In", roles: ["administrator"] }]);
    const owner = people[0]!;
    const created = await hook(owner, "User", "Update");
    for (let i = 0; i < 3; i++) {
      await writeAudit(t.db, authorFor(owner).audit, { action: "person.roles_updated", target: { id: owner.id } }, NO_META);
    }
    // A receiver that never answers before the shutdown: the first worker is mid-delivery when it stops.
    let sending = 0;
    const hanging: Sender = () => {
      sending++;
      return new Promise(() => {});
    };
    const first = worker({ send: hanging, leaseMs: 60_000 });
    void first.runOnce();
    await expect.poll(() => sending).toBe(3);
    expect(await first.stop({ graceMs: 50 })).toBe(3);

    const { received, send } = receiver();
    expect(await worker({ send, leaseMs: 60_000 }).runOnce()).toBe(3);
    const deliveries = await pendingFor(created.webhook.id);
    expect(deliveries.map((d) => d.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    expect(received).toHaveLength(3);
  });

  it("never delivers one event twice when two workers run at once", async () => {
    const { people } = await createOrganization(t.db, "twins", [{ name: "Twin Ner", roles: ["administrator"] }]);
    const owner = people[0]!;
    const created = await hook(owner, "User", "Update");
    for (let i = 0; i < 30; i++) {
      await writeAudit(t.db, authorFor(owner).audit, { action: "person.roles_updated", target: { id: owner.id } }, NO_META);
    }
    const counts = new Map<string, number>();
    const send: Sender = async ({ headers }) => {
      const id = headers["webhook-id"]!;
      counts.set(id, (counts.get(id) ?? 0) + 1);
      await new Promise((r) => setTimeout(r, 5));
      return { statusCode: 200, error: null, durationMs: 5 };
    };
    const a = worker({ send, batchSize: 4 });
    const b = worker({ send, batchSize: 4 });
    const drain = async (w: typeof a) => {
      while ((await w.runOnce()) > 0);
    };
    await Promise.all([drain(a), drain(b), drain(a), drain(b)]);
    const deliveries = await pendingFor(created.webhook.id);
    expect(deliveries).toHaveLength(30);
    expect(deliveries.every((d) => d.status === "succeeded")).toBe(true);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(deliveries.every((d) => counts.get(d.id) === 1)).toBe(true);
  });
});
