import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessCodes, auditEvents, companyCredentials, oauthAccessTokens, personalApiKeys, webhookDeliveries, webhooks } from "@/db/schema";
import { recentReportedLeaks, recentReportedLeaksOfPerson } from "@/db/queries/reported-leaks";
import { describeAuditAction } from "@/lib/audit-catalogue";
import { authenticateClient, issueAccessToken } from "@/lib/oauth/tokens";
import { generateSecret, generateWebhookSecret, hashSecret } from "@/lib/secrets";
import { openSecret, sealSecret, webhookKey } from "@/lib/webhooks/secret-box";
import { authorFor, createOrganization, NO_META } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { deps, secretKey } from "@/lib/testing/webhooks";
import { createApiKeySchema } from "@/lib/validators/api-keys";
import { createApiKey } from "./api-keys";
import { generateCompanyCredentials, rollClientSecret } from "./company-credentials";
import { revokeReportedSecret } from "./leaked-secrets";
import { clearPersonalKey, enablePersonalKey, regeneratePersonalKey } from "./personal-api-keys";
import { createWebhook } from "./webhooks";
import { mistyped } from "@/lib/testing/mistyped";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.close());

const report = { url: "https://github.com/someone/repo/blob/main/.env", source: "content" };

async function leakEvents(organizationId: string) {
  const events = await t.db.select().from(auditEvents).where(eq(auditEvents.organizationId, organizationId));
  return events.filter((e) => JSON.stringify(e.metadata).includes("reportedLeak"));
}

describe("a reported leak", () => {
  it("disables an access code at once, audits it with the report and sends its webhook event; a second report changes nothing", async () => {
    const { org: organization, people } = await createOrganization(t.db, "leaky", [{ name: "Ada Leaky", roles: ["administrator"] }]);
    const ada = authorFor(people[0]!);
    const hook = await createWebhook(t.db, ada, { url: "https://hooks.example.com/codes", entity: "AccessCode", operationType: "Update" }, NO_META, deps);
    if (!hook.ok) throw new Error(hook.message);
    const created = await createApiKey(t.db, ada, createApiKeySchema.parse({ name: "Warehouse", policies: [] }), NO_META);
    if (!created.ok) throw new Error(created.message);
    const { code } = created.value;

    expect(await revokeReportedSecret(t.db, code.secret, report, deps)).toBe("true_positive");
    const [row] = await t.db.select().from(accessCodes).where(eq(accessCodes.id, code.id));
    expect(row!.enabled).toBe(false);
    const [event] = await leakEvents(organization.id);
    expect(event).toMatchObject({ action: "access_code.disabled", actorType: "system", metadata: { reportedLeak: report } });
    expect(describeAuditAction(event!)).toBe(`Keyward disabled the access code ${row!.displayPrefix}, reported leaked at ${report.url}`);
    const deliveries = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, hook.value.webhook.id));
    expect(deliveries.map((d) => d.eventType)).toEqual(["AccessCode.Update"]);

    expect(await revokeReportedSecret(t.db, code.secret, report, deps)).toBe("true_positive");
    expect(await leakEvents(organization.id)).toHaveLength(1);
  });

  it("clears a personal key, as Keyward rather than as an administrator", async () => {
    const { org: organization, people } = await createOrganization(t.db, "leaky-people", [
      { name: "Max Leaky", roles: ["member"] },
      { name: "Ada Clearing", roles: ["administrator"] },
    ]);
    const max = authorFor(people[0]!);
    const enabled = await enablePersonalKey(t.db, max, NO_META);
    if (!enabled.ok) throw new Error(enabled.message);
    expect(await revokeReportedSecret(t.db, enabled.value.secret, report, deps)).toBe("true_positive");
    const [key] = await t.db.select().from(personalApiKeys).where(eq(personalApiKeys.userId, people[0]!.id));
    expect(key).toMatchObject({ revokedAt: expect.any(Date), revokedByKeyward: true, revokedByLabel: "Keyward" });
    // An administrator's Clear API Key is theirs.
    const renewed = await regeneratePersonalKey(t.db, max, NO_META);
    if (!renewed.ok) throw new Error(renewed.message);
    expect((await clearPersonalKey(t.db, authorFor(people[1]!), people[0]!.id, NO_META)).ok).toBe(true);
    const [state] = await t.db.select().from(personalApiKeys).where(eq(personalApiKeys.keyHash, hashSecret(renewed.value.secret)));
    expect(state).toMatchObject({ revokedByKeyward: false, revokedByLabel: "Ada Clearing" });
    expect((await leakEvents(organization.id)).map((e) => e.action)).toEqual(["personal_api_key.cleared"]);
  });

  it("clears only the key that was reported: a key made after it stays live", async () => {
    const { people } = await createOrganization(t.db, "leaky-regenerated", [{ name: "Rae Leaky", roles: ["member"] }]);
    const rae = authorFor(people[0]!);
    const first = await enablePersonalKey(t.db, rae, NO_META);
    if (!first.ok) throw new Error(first.message);
    const [reported] = await t.db.select().from(personalApiKeys).where(eq(personalApiKeys.userId, people[0]!.id));
    const second = await regeneratePersonalKey(t.db, rae, NO_META);
    if (!second.ok) throw new Error(second.message);
    // The report read the leaked key before the person regenerated: clearing it must not touch the new one.
    const cleared = await clearPersonalKey(t.db, rae, people[0]!.id, NO_META, reported!.id);
    expect(cleared).toMatchObject({ ok: false, reason: "conflict" });
    const live = await t.db.select().from(personalApiKeys).where(eq(personalApiKeys.userId, people[0]!.id));
    expect(live.filter((k) => k.revokedAt === null).map((k) => k.prefix)).toEqual([second.value.prefix]);
  });

  it("stops a rolled client secret's previous secret, deletes the credentials for the current one, and revokes a token", async () => {
    const { org: organization, people } = await createOrganization(t.db, "leaky-company", [{ name: "Lea Leaky", roles: ["office_lead"] }]);
    const lea = authorFor(people[0]!);
    const generated = await generateCompanyCredentials(t.db, lea, NO_META);
    if (!generated.ok) throw new Error(generated.message);
    const rolled = await rollClientSecret(t.db, lea, "24h", NO_META);
    if (!rolled.ok) throw new Error(rolled.message);
    const client = await authenticateClient(t.db, rolled.value.clientId, rolled.value.clientSecret);
    const { accessToken } = await issueAccessToken(t.db, client!);

    expect(await revokeReportedSecret(t.db, generated.value.clientSecret, report, deps)).toBe("true_positive");
    expect(await authenticateClient(t.db, generated.value.clientId, generated.value.clientSecret)).toBeNull();
    expect(await authenticateClient(t.db, rolled.value.clientId, rolled.value.clientSecret)).not.toBeNull();

    expect(await revokeReportedSecret(t.db, accessToken, report, deps)).toBe("true_positive");
    const [token] = await t.db.select().from(oauthAccessTokens).where(eq(oauthAccessTokens.credentialId, generated.value.id));
    expect(token!.revokedAt).not.toBeNull();

    expect(await revokeReportedSecret(t.db, rolled.value.clientSecret, report, deps)).toBe("true_positive");
    const live = await t.db
      .select()
      .from(companyCredentials)
      .where(eq(companyCredentials.organizationId, organization.id));
    expect(live.every((c) => c.deletedAt !== null)).toBe(true);
    expect((await leakEvents(organization.id)).map((e) => e.action).sort()).toEqual([
      "company_credentials.deleted",
      "company_credentials.previous_secret_stopped",
      "oauth_token.revoked",
    ]);
  });

  it("replaces a webhook's signing secret at once, audits it with the URL and report, tells its owner; a second report changes nothing", async () => {
    const { org: organization, people } = await createOrganization(t.db, "leaky-hooks", [
      { name: "Ana Admin", roles: ["administrator"] },
      { name: "Hal Hooks", roles: ["member"] },
    ]);
    const hal = authorFor(people[1]!);
    const watcher = await createWebhook(t.db, hal, { url: "https://hooks.example.com/watch", entity: "Webhook", operationType: "Update" }, NO_META, deps);
    const leaky = await createWebhook(t.db, hal, { url: "https://hooks.example.com/leaky", entity: "Webhook", operationType: "Create" }, NO_META, deps);
    if (!watcher.ok || !leaky.ok) throw new Error("webhooks not created");
    const id = leaky.value.webhook.id;
    const leaked = leaky.value.secret;

    expect(await revokeReportedSecret(t.db, leaked, report, deps)).toBe("true_positive");
    const [row] = await t.db.select().from(webhooks).where(eq(webhooks.id, id));
    const current = openSecret(row!.secretCiphertext, id, secretKey);
    expect(current).not.toBe(leaked);
    expect(row!.secretHash).toBe(hashSecret(current));
    expect(row!.previousSecretHash).toBe(hashSecret(leaked));
    const [event] = await leakEvents(organization.id);
    expect(event).toMatchObject({ action: "webhook.secret_rolled", actorType: "system", targetId: id, metadata: { reportedLeak: report } });
    expect(JSON.stringify(event!.metadata)).not.toContain(leaked.slice(6));
    expect(describeAuditAction(event!)).toBe(`Keyward rolled the signing secret of the webhook https://hooks.example.com/leaky, reported leaked at ${report.url}`);
    const deliveries = await t.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.webhookId, watcher.value.webhook.id));
    expect(deliveries.map((d) => d.eventType)).toEqual(["Webhook.Update"]);
    expect((await recentReportedLeaks(t.db, organization.id)).map((l) => l.targetLabel)).toEqual(["https://hooks.example.com/leaky"]);
    expect((await recentReportedLeaksOfPerson(t.db, organization.id, people[1]!.id)).map((l) => l.action)).toEqual(["webhook.secret_rolled"]);
    expect(await recentReportedLeaksOfPerson(t.db, organization.id, people[0]!.id)).toEqual([]);

    expect(await revokeReportedSecret(t.db, leaked, report, deps)).toBe("true_positive");
    const [after] = await t.db.select().from(webhooks).where(eq(webhooks.id, id));
    expect(after!.secretCiphertext).toBe(row!.secretCiphertext);
    expect(await leakEvents(organization.id)).toHaveLength(1);
  });

  it("finds a webhook made before secret hashes were stored: its hash is filled from the sealed secret first", async () => {
    const { org: organization, people } = await createOrganization(t.db, "leaky-old-hooks", [{ name: "Old Hooks", roles: ["member"] }]);
    const secret = generateWebhookSecret();
    const id = crypto.randomUUID();
    await t.db.insert(webhooks).values({
      id,
      organizationId: organization.id,
      userId: people[0]!.id,
      url: "https://hooks.example.com/old",
      entity: "Webhook",
      operationType: "Update",
      secretCiphertext: sealSecret(secret, id, secretKey),
    });
    // Sealed under another auth secret: unusable, so it stays unhashed and does not stop the others.
    const lost = crypto.randomUUID();
    await t.db.insert(webhooks).values({
      id: lost,
      organizationId: organization.id,
      userId: people[0]!.id,
      url: "https://hooks.example.com/lost",
      entity: "Webhook",
      operationType: "Update",
      secretCiphertext: sealSecret(generateWebhookSecret(), lost, webhookKey("another-auth-secret-that-is-long-enough-0")),
    });

    expect(await revokeReportedSecret(t.db, secret, report, deps)).toBe("true_positive");
    const [row] = await t.db.select().from(webhooks).where(eq(webhooks.id, id));
    expect(row!.previousSecretHash).toBe(hashSecret(secret));
    expect(row!.secretHash).toBe(hashSecret(openSecret(row!.secretCiphertext, id, secretKey)));
    const [unreadable] = await t.db.select().from(webhooks).where(eq(webhooks.id, lost));
    expect(unreadable!.secretHash).toBeNull();
    expect((await leakEvents(organization.id)).map((e) => e.targetLabel)).toEqual(["https://hooks.example.com/old"]);
  });

  it("answers false_positive for what is not a Keyward secret: a bad checksum, an unknown secret, any other text", async () => {
    const unknown = generateSecret("access_code");
    for (const token of [unknown, mistyped(unknown), generateWebhookSecret(), "whsec_notbase64!", "ghp_notours", "password123"]) {
      expect(await revokeReportedSecret(t.db, token, report, deps)).toBe("false_positive");
    }
  });
});
