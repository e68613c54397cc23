import { and, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { getCompanyCredentialsOverview } from "@/db/queries/company-credentials";
import { auditEvents, companyCredentials, oauthAccessTokens, organizations, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { resolveAccessToken } from "@/lib/api-auth/resolvers/access-token";
import type { Author } from "@/lib/author";
import { authenticateClient, issueAccessToken } from "@/lib/oauth/tokens";
import { hashSecret, parseSecret } from "@/lib/secrets";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { deleteCompanyCredentials, generateCompanyCredentials, rollClientSecret, stopPreviousClientSecret } from "./company-credentials";

let t: TestDatabase;
let acme: string;
let globex: string;
let lea: Author;
let gus: Author;
const meta = { ip: "203.0.113.7", userAgent: "vitest" };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData(t.db);
  const orgs = Object.fromEntries((await t.db.select().from(organizations)).map((o) => [o.slug, o.id]));
  acme = orgs.acme!;
  globex = orgs.globex!;
  const ids = Object.fromEntries((await t.db.select().from(users)).map((u) => [u.email, u.id]));
  lea = { audit: { type: "user", id: ids["lead@acme.test"]!, label: "Lea Lead", organizationId: acme }, userId: ids["lead@acme.test"]! };
  gus = { audit: { type: "user", id: ids["admin@globex.test"]!, label: "Gus Globex", organizationId: globex }, userId: ids["admin@globex.test"]! };
});
afterAll(() => t.close());
beforeEach(async () => {
  await t.db.delete(companyCredentials);
});

const bearer = (token: string) =>
  resolveAccessToken(token, {
    db: t.db,
    account: null,
    transport: "authorization_bearer",
  });

async function activePairs(organizationId: string) {
  return t.db
    .select()
    .from(companyCredentials)
    .where(and(eq(companyCredentials.organizationId, organizationId), isNull(companyCredentials.deletedAt)));
}

describe("generating company API credentials", () => {
  it("stores only the secret's hash and writes the audit event in the same transaction", async () => {
    const outcome = await generateCompanyCredentials(t.db, lea, meta);
    if (!outcome.ok) throw new Error("expected credentials");
    const { clientId, clientSecret } = outcome.value;
    expect(clientId).toMatch(/^kwc_[0-9A-Za-z]{24}$/);
    expect(parseSecret(clientSecret)).toBe("client_secret");

    const [row] = await activePairs(acme);
    expect(row).toMatchObject({ clientId, secretHash: hashSecret(clientSecret), createdById: lea.userId });
    expect(JSON.stringify(row)).not.toContain(clientSecret);

    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "company_credentials.generated"));
    expect(event).toMatchObject({ organizationId: acme, actorLabel: "Lea Lead", targetType: "company_credentials", targetId: row!.id, ip: meta.ip });
    expect(JSON.stringify(event)).not.toContain(clientSecret);

    const overview = await getCompanyCredentialsOverview(t.db, acme);
    expect(overview.active).toMatchObject({ clientId, generatedBy: "Lea Lead" });
  });

  it("refuses a second pair while one exists, with a clear outcome", async () => {
    await generateCompanyCredentials(t.db, lea, meta);
    expect(await generateCompanyCredentials(t.db, lea, meta)).toMatchObject({ ok: false, reason: "conflict", message: expect.stringContaining("already has API credentials") });
    expect(await activePairs(acme)).toHaveLength(1);
  });

  it("yields exactly one pair when two Office Leads generate at the same moment", async () => {
    const results = await Promise.all([
      generateCompanyCredentials(t.db, lea, meta),
      generateCompanyCredentials(t.db, { ...lea, audit: { ...lea.audit, label: "Lea again" } }, meta),
      generateCompanyCredentials(t.db, lea, meta),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual([
      { ok: false, reason: "conflict", message: expect.stringContaining("already has API credentials") },
      { ok: false, reason: "conflict", message: expect.stringContaining("already has API credentials") },
    ]);
    expect(await activePairs(acme)).toHaveLength(1);
  });

  it("is refused by the database itself, not only by the service's check", async () => {
    await generateCompanyCredentials(t.db, lea, meta);
    const insert = t.db.insert(companyCredentials).values({
      organizationId: acme,
      clientId: "kwc_second",
      secretHash: "x",
      secretPrefix: "kwcs_x",
    });
    await expect(insert).rejects.toMatchObject({ cause: expect.objectContaining({ code: "23505" }) });
  });

  it("keeps organisations apart: each has its own pair", async () => {
    await generateCompanyCredentials(t.db, lea, meta);
    expect((await generateCompanyCredentials(t.db, gus, meta)).ok).toBe(true);
    expect(await activePairs(acme)).toHaveLength(1);
    expect(await activePairs(globex)).toHaveLength(1);
  });
});

describe("deleting company API credentials", () => {
  it("invalidates every token issued under them on the next request, and records who and when", async () => {
    const outcome = await generateCompanyCredentials(t.db, lea, meta);
    if (!outcome.ok) throw new Error("expected credentials");
    const client = await authenticateClient(t.db, outcome.value.clientId, outcome.value.clientSecret);
    expect(client).not.toBeNull();
    const first = await issueAccessToken(t.db, client!);
    const second = await issueAccessToken(t.db, client!);
    const resolved = await bearer(first.accessToken);
    expect(resolved).toMatchObject({
      ok: true,
      principal: { organization: { id: acme, slug: "acme" }, credential: { kind: "oauth_token" }, user: null },
    });

    expect(await deleteCompanyCredentials(t.db, lea, meta)).toMatchObject({ ok: true });

    expect(await bearer(first.accessToken)).toMatchObject({ ok: false });
    expect(await bearer(second.accessToken)).toMatchObject({ ok: false });
    expect(await authenticateClient(t.db, outcome.value.clientId, outcome.value.clientSecret)).toBeNull();
    const tokens = await t.db.select().from(oauthAccessTokens).where(isNull(oauthAccessTokens.revokedAt));
    expect(tokens).toHaveLength(0);

    const overview = await getCompanyCredentialsOverview(t.db, acme);
    expect(overview.active).toBeNull();
    expect(overview.lastDeletion).toMatchObject({ deletedBy: "Lea Lead" });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "company_credentials.deleted"));
    expect(event).toMatchObject({ organizationId: acme, actorLabel: "Lea Lead", metadata: { revokedTokens: 2 } });
  });

  it("rejects a token whose credentials were deleted even if its own row was never revoked", async () => {
    const outcome = await generateCompanyCredentials(t.db, gus, meta);
    if (!outcome.ok) throw new Error("expected credentials");
    const client = (await authenticateClient(t.db, outcome.value.clientId, outcome.value.clientSecret))!;
    const { accessToken } = await issueAccessToken(t.db, client);
    await t.db.update(companyCredentials).set({ deletedAt: new Date() }).where(eq(companyCredentials.id, client.credentialId));
    expect(await bearer(accessToken)).toMatchObject({ ok: false });
  });

  it("answers not_found when there is nothing to delete, and touches no other organisation", async () => {
    await generateCompanyCredentials(t.db, gus, meta);
    expect(await deleteCompanyCredentials(t.db, lea, meta)).toMatchObject({ ok: false, reason: "not_found" });
    expect(await activePairs(globex)).toHaveLength(1);
  });

  it("lets the Office Lead generate a new pair after deleting the old one", async () => {
    await generateCompanyCredentials(t.db, lea, meta);
    await deleteCompanyCredentials(t.db, lea, meta);
    expect((await generateCompanyCredentials(t.db, lea, meta)).ok).toBe(true);
    const overview = await getCompanyCredentialsOverview(t.db, acme);
    expect(overview.active).not.toBeNull();
    expect(overview.lastDeletion).not.toBeNull();
  });
});

describe("access tokens", () => {
  it("expire after an hour", async () => {
    const outcome = await generateCompanyCredentials(t.db, lea, meta);
    if (!outcome.ok) throw new Error("expected credentials");
    const client = (await authenticateClient(t.db, outcome.value.clientId, outcome.value.clientSecret))!;
    const { accessToken, expiresIn } = await issueAccessToken(t.db, client, new Date(Date.now() - 3601_000));
    expect(expiresIn).toBe(3600);
    expect(await bearer(accessToken)).toMatchObject({ ok: false });
  });

  it("are accepted only in the Authorization header", async () => {
    const outcome = await generateCompanyCredentials(t.db, lea, meta);
    if (!outcome.ok) throw new Error("expected credentials");
    const client = (await authenticateClient(t.db, outcome.value.clientId, outcome.value.clientSecret))!;
    const { accessToken } = await issueAccessToken(t.db, client);
    const viaHeader = await resolveAccessToken(accessToken, {
      db: t.db,
      account: null,
      transport: "x_api_key_header",
    });
    expect(viaHeader).toMatchObject({ ok: false, refusal: "wrong_transport" });
  });

  it("do not authenticate a wrong secret, another client's secret, or a non-secret", async () => {
    const acmePair = await generateCompanyCredentials(t.db, lea, meta);
    const globexPair = await generateCompanyCredentials(t.db, gus, meta);
    if (!acmePair.ok || !globexPair.ok) throw new Error("expected credentials");
    expect(await authenticateClient(t.db, acmePair.value.clientId, globexPair.value.clientSecret)).toBeNull();
    expect(await authenticateClient(t.db, acmePair.value.clientId, "not-a-secret")).toBeNull();
    expect(await authenticateClient(t.db, "kwc_unknown", acmePair.value.clientSecret)).toBeNull();
  });
});

describe("rolling the client secret", () => {
  const HOUR = 3600_000;
  const at = (base: Date, ms: number) => new Date(base.getTime() + ms);
  const bearerAt = (token: string, now: Date) =>
    resolveAccessToken(token, { db: t.db, account: null, transport: "authorization_bearer", now });

  async function generated() {
    const outcome = await generateCompanyCredentials(t.db, lea, meta);
    if (!outcome.ok) throw new Error(outcome.message);
    return outcome.value;
  }

  it("lets both secrets obtain tokens during the grace, and refuses the old secret and its tokens after it", async () => {
    const { clientId, clientSecret: oldSecret } = await generated();
    const start = new Date();
    const oldClient = await authenticateClient(t.db, clientId, oldSecret, start);
    const { accessToken: beforeRoll } = await issueAccessToken(t.db, oldClient!, start);

    const rolled = await rollClientSecret(t.db, lea, "1h", meta, start);
    if (!rolled.ok) throw new Error(rolled.message);
    const newSecret = rolled.value.clientSecret;
    expect(rolled.value.clientId).toBe(clientId);
    expect(rolled.value.previousSecretExpiresAt).toEqual(at(start, HOUR));

    const during = at(start, HOUR - 1000);
    const viaOld = await authenticateClient(t.db, clientId, oldSecret, during);
    const viaNew = await authenticateClient(t.db, clientId, newSecret, during);
    expect(viaOld).not.toBeNull();
    expect(viaNew).not.toBeNull();
    const { accessToken: oldToken } = await issueAccessToken(t.db, viaOld!, during);
    const { accessToken: newToken } = await issueAccessToken(t.db, viaNew!, during);
    for (const token of [beforeRoll, oldToken, newToken]) expect(await bearerAt(token, during)).toMatchObject({ ok: true });

    const after = at(start, HOUR + 1000);
    expect(await authenticateClient(t.db, clientId, oldSecret, after)).toBeNull();
    expect(await authenticateClient(t.db, clientId, newSecret, after)).not.toBeNull();
    expect(await bearerAt(oldToken, after)).toMatchObject({ ok: false, refusal: "invalid" });
    expect(await bearerAt(beforeRoll, after)).toMatchObject({ ok: false, refusal: "invalid" });
    expect(await bearerAt(newToken, after)).toMatchObject({ ok: true });

    const [row] = await activePairs(acme);
    expect(row).toMatchObject({ secretHash: hashSecret(newSecret), previousSecretHash: hashSecret(oldSecret), rolledById: lea.userId });
    expect(JSON.stringify(row)).not.toContain(newSecret);
    const overview = await getCompanyCredentialsOverview(t.db, acme, during);
    expect(overview.active).toMatchObject({ clientId, rolled: { by: "Lea Lead" }, previousSecretExpiresAt: at(start, HOUR) });
    expect((await getCompanyCredentialsOverview(t.db, acme, after)).active?.previousSecretExpiresAt).toBeNull();
  });

  it("with Now, refuses the old secret and its tokens at once", async () => {
    const { clientId, clientSecret: oldSecret } = await generated();
    const { accessToken } = await issueAccessToken(t.db, (await authenticateClient(t.db, clientId, oldSecret))!);
    const rolled = await rollClientSecret(t.db, lea, "now", meta);
    if (!rolled.ok) throw new Error(rolled.message);
    expect(rolled.value.previousSecretExpiresAt).toBeNull();
    expect(await authenticateClient(t.db, clientId, oldSecret)).toBeNull();
    expect(await bearer(accessToken)).toMatchObject({ ok: false });
    expect(await authenticateClient(t.db, clientId, rolled.value.clientSecret)).not.toBeNull();
  });

  it("stops the previous secret and its tokens on request, with an audit event, and only once", async () => {
    const { clientId, clientSecret: oldSecret } = await generated();
    const rolled = await rollClientSecret(t.db, lea, "7d", meta);
    if (!rolled.ok) throw new Error(rolled.message);
    const { accessToken } = await issueAccessToken(t.db, (await authenticateClient(t.db, clientId, oldSecret))!);
    expect(await bearer(accessToken)).toMatchObject({ ok: true });

    expect(await stopPreviousClientSecret(t.db, lea, meta)).toMatchObject({ ok: true });
    expect(await authenticateClient(t.db, clientId, oldSecret)).toBeNull();
    expect(await bearer(accessToken)).toMatchObject({ ok: false });
    expect(await stopPreviousClientSecret(t.db, lea, meta)).toMatchObject({ ok: false, reason: "not_found" });

    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organizationId, acme), eq(auditEvents.targetId, rolled.value.id)));
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["company_credentials.rolled", "company_credentials.previous_secret_stopped"]),
    );
    for (const event of events) expect(JSON.stringify(event)).not.toContain(rolled.value.clientSecret);
  });

  it("leaves exactly one current and at most one previous secret when Office Leads roll at the same moment", async () => {
    const { clientId } = await generated();
    const results = await Promise.all(Array.from({ length: 4 }, () => rollClientSecret(t.db, lea, "24h", meta)));
    const secrets = results.map((r) => (r.ok ? r.value.clientSecret : null));
    expect(secrets.every(Boolean)).toBe(true);
    const [row, ...others] = await activePairs(acme);
    expect(others).toHaveLength(0);
    expect(row!.secretVersion).toBe(5);
    const working = [];
    for (const secret of secrets) if (await authenticateClient(t.db, clientId, secret!)) working.push(secret);
    // The last roll's secret and the one it replaced; the earlier ones stopped when they were replaced twice.
    expect(working).toHaveLength(2);
    expect([row!.secretHash, row!.previousSecretHash]).toEqual(expect.arrayContaining(working.map((s) => hashSecret(s!))));
  });

  it("answers not_found without credentials, and touches no other organisation", async () => {
    expect(await rollClientSecret(t.db, gus, "1h", meta)).toMatchObject({ ok: false, reason: "not_found" });
    await generated();
    expect(await rollClientSecret(t.db, gus, "1h", meta)).toMatchObject({ ok: false, reason: "not_found" });
    expect((await activePairs(acme))[0]!.secretVersion).toBe(1);
  });
});
