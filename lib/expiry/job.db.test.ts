import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listApiAccessPeople } from "@/db/queries/api-management";
import { auditEvents, expiryNotices, personalApiKeys, webhookDeliveries } from "@/db/schema";
import { resolvePersonalKey } from "@/lib/api-auth/resolvers/personal-key";
import { createApiKey } from "@/lib/services/api-keys";
import { enablePersonalKey } from "@/lib/services/personal-api-keys";
import { updateMaxPersonalKeyLifetime } from "@/lib/services/settings";
import { createWebhook } from "@/lib/services/webhooks";
import { authorFor, createOrganization, NO_META } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { deps } from "@/lib/testing/webhooks";
import { createApiKeySchema } from "@/lib/validators/api-keys";
import type { WebhookEntity, WebhookOperation } from "@/lib/webhooks/constants";
import { runExpiryJob } from "./job";
import { DAY_MS } from "./thresholds";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.close());

async function hook(owner: Parameters<typeof authorFor>[0], entity: WebhookEntity, operationType: WebhookOperation) {
  const made = await createWebhook(
    t.db,
    authorFor(owner),
    { url: `https://hooks.example.com/${entity}/${operationType}`, entity, operationType },
    NO_META,
    deps,
  );
  if (!made.ok) throw new Error(made.message);
  return made.value.webhook.id;
}

/** The organisation's audit actions about `targetId`, oldest first. */
async function noticesAbout(targetId: string) {
  const rows = await t.db
    .select({ action: auditEvents.action, actorType: auditEvents.actorType, actorLabel: auditEvents.actorLabel, metadata: auditEvents.metadata })
    .from(auditEvents)
    .where(and(eq(auditEvents.targetId, targetId), inArray(auditEvents.action, ["access_code.expiring", "access_code.expired", "personal_api_key.expiring", "personal_api_key.expired"])))
    .orderBy(auditEvents.createdAt);
  return rows;
}

async function eventTypes(webhookId: string, targetId: string) {
  const rows = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, webhookId));
  return rows.filter((row) => (row.payload as { data: { id: string } }).data.id === targetId).map((row) => row.eventType);
}

const after = (from: Date, days: number) => new Date(from.getTime() + days * DAY_MS);

describe("the expiry job", () => {
  it("gives notice of an access code at 14 days, 3 days and expiry, once each across repeated and concurrent runs", async () => {
    const { people } = await createOrganization(t.db, "expiring-codes", [{ name: "Ada Expiry", roles: ["administrator"] }]);
    const ada = people[0]!;
    const expiring = await hook(ada, "AccessCode", "Expiring");
    const expired = await hook(ada, "AccessCode", "Expired");
    const created = await createApiKey(t.db, authorFor(ada), createApiKeySchema.parse({ name: "Nightly", policies: [] }), NO_META);
    if (!created.ok) throw new Error(created.message);
    const { code } = created.value;

    // Long before: nothing.
    await runExpiryJob(t.db, after(code.expiresAt, -30));
    expect(await noticesAbout(code.id)).toEqual([]);

    for (const [daysBefore, runs] of [
      [13.5, 2],
      [2.5, 2],
      [-0.5, 2],
    ] as const) {
      const now = after(code.expiresAt, -daysBefore);
      // Two concurrent runs, then one more: the advisory lock and the unique notice row each keep it to one.
      await Promise.all(Array.from({ length: runs }, () => runExpiryJob(t.db, now)));
      await runExpiryJob(t.db, now);
    }

    const notices = await noticesAbout(code.id);
    expect(notices.map((n) => n.action)).toEqual(["access_code.expiring", "access_code.expiring", "access_code.expired"]);
    expect(notices.map((n) => (n.metadata as { threshold: string }).threshold)).toEqual(["14d", "3d", "expired"]);
    expect(notices.every((n) => n.actorType === "system" && n.actorLabel === "Keyward")).toBe(true);
    expect(await eventTypes(expiring, code.id)).toEqual(["AccessCode.Expiring", "AccessCode.Expiring"]);
    expect(await eventTypes(expired, code.id)).toEqual(["AccessCode.Expired"]);
  });

  it("gives the 3-day notice alone to a code first seen with 2 days left (the job was not running before)", async () => {
    const { people } = await createOrganization(t.db, "short-codes", [{ name: "Bo Short", roles: ["administrator"] }]);
    const bo = people[0]!;
    const created = await createApiKey(t.db, authorFor(bo), createApiKeySchema.parse({ name: "Short", policies: [] }), NO_META);
    if (!created.ok) throw new Error(created.message);
    const { code } = created.value;
    await runExpiryJob(t.db, after(code.expiresAt, -2));
    await runExpiryJob(t.db, after(code.expiresAt, -1));
    expect((await noticesAbout(code.id)).map((n) => (n.metadata as { threshold: string }).threshold)).toEqual(["3d"]);
  });

  it("gives notice of a personal key to its owner's webhook, and none of a key without expiry", async () => {
    const { people } = await createOrganization(t.db, "expiring-keys", [
      { name: "Max Member", roles: ["member"] },
      { name: "Nia Never", roles: ["member"] },
    ]);
    const [max, nia] = people;
    const expiring = await hook(max!, "PersonalApiKey", "Expiring");
    const expired = await hook(max!, "PersonalApiKey", "Expired");
    const key = await enablePersonalKey(t.db, authorFor(max!), NO_META, "30");
    const forever = await enablePersonalKey(t.db, authorFor(nia!), NO_META);
    if (!key.ok || !forever.ok) throw new Error("enable failed");
    expect(forever.value.expiresAt).toBeNull();
    const expiresAt = key.value.expiresAt!;
    expect(expiresAt.getTime() - key.value.createdAt.getTime()).toBeCloseTo(30 * DAY_MS, -4);
    const [row] = await t.db.select({ id: personalApiKeys.id }).from(personalApiKeys).where(eq(personalApiKeys.userId, max!.id));

    for (const daysBefore of [14, 13, 3, 1, 0, -1]) {
      await Promise.all([runExpiryJob(t.db, after(expiresAt, -daysBefore)), runExpiryJob(t.db, after(expiresAt, -daysBefore))]);
    }
    expect((await noticesAbout(row!.id)).map((n) => n.action)).toEqual([
      "personal_api_key.expiring",
      "personal_api_key.expiring",
      "personal_api_key.expired",
    ]);
    expect(await eventTypes(expiring, row!.id)).toEqual(["PersonalApiKey.Expiring", "PersonalApiKey.Expiring"]);
    expect(await eventTypes(expired, row!.id)).toEqual(["PersonalApiKey.Expired"]);
    const [niaKey] = await t.db.select({ id: personalApiKeys.id }).from(personalApiKeys).where(eq(personalApiKeys.userId, nia!.id));
    expect(await t.db.select().from(expiryNotices).where(eq(expiryNotices.credentialId, niaKey!.id))).toEqual([]);

    // The API refuses it once expired, with the reason.
    const context = { db: t.db, transport: "x_api_key_header" as const, account: null };
    expect(await resolvePersonalKey(key.value.secret, { ...context, now: after(expiresAt, -1) })).toMatchObject({ ok: true });
    expect(await resolvePersonalKey(key.value.secret, { ...context, now: after(expiresAt, 0.01) })).toEqual({
      ok: false,
      refusal: "personal_key_expired",
    });
  });
});

describe("Maximum personal key lifetime", () => {
  it("refuses a longer lifetime or none with a field error and changes nothing; lowering it keeps existing keys", async () => {
    const { people } = await createOrganization(t.db, "capped", [
      { name: "Ann Admin", roles: ["administrator"] },
      { name: "Mo Member", roles: ["member"] },
      { name: "Lu Long", roles: ["member"] },
    ]);
    const [ann, mo, lu] = people;
    const long = await enablePersonalKey(t.db, authorFor(lu!), NO_META, "365");
    if (!long.ok) throw new Error(long.message);

    expect(await updateMaxPersonalKeyLifetime(t.db, authorFor(ann!), { maxLifetime: "90" }, NO_META)).toEqual({ ok: true, value: undefined });
    for (const lifetime of ["365", "none"] as const) {
      expect(await enablePersonalKey(t.db, authorFor(mo!), NO_META, lifetime)).toMatchObject({
        ok: false,
        reason: "invalid",
        field: "lifetime",
        message: expect.stringContaining("at most 90 days"),
      });
    }
    expect(await t.db.select().from(personalApiKeys).where(eq(personalApiKeys.userId, mo!.id))).toEqual([]);
    const enabledEvents = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, ann!.organizationId), eq(auditEvents.action, "personal_api_key.enabled")));
    expect(enabledEvents).toHaveLength(1);

    // Without a choice, the longest allowed.
    const capped = await enablePersonalKey(t.db, authorFor(mo!), NO_META);
    if (!capped.ok) throw new Error(capped.message);
    expect(capped.value.expiresAt!.getTime() - capped.value.createdAt.getTime()).toBeCloseTo(90 * DAY_MS, -4);

    // Lu's 365-day key keeps its expiry.
    const [kept] = await t.db.select({ expiresAt: personalApiKeys.expiresAt }).from(personalApiKeys).where(eq(personalApiKeys.userId, lu!.id));
    expect(kept!.expiresAt).toEqual(long.value.expiresAt);
    // API Management flags it instead.
    const listed = await listApiAccessPeople(t.db, ann!.organizationId, {});
    expect(listed.rows.map((row) => [row.name, row.exceedsMaxLifetime])).toEqual([
      ["Lu Long", true],
      ["Mo Member", false],
    ]);

    const changes = await t.db
      .select({ metadata: auditEvents.metadata })
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, ann!.organizationId), eq(auditEvents.action, "settings.updated")));
    expect(changes.map((c) => c.metadata)).toEqual([{ changes: { maxPersonalKeyLifetimeDays: { before: null, after: 90 } } }]);
  });
});
