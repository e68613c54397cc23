import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "@/db/seed";
import { accessCodes, apiKeys, auditEvents, organizations, users } from "@/db/schema";
import { resolveAccessCode } from "@/lib/api-auth/resolvers/access-code";
import { invalidateVerificationCache } from "@/lib/api-auth/resolvers/verification-cache";
import type { AuditActor } from "@/lib/audit";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createApiKeySchema, linkApiKeySchema } from "@/lib/validators/api-keys";
import {
  archiveApiKey,
  createAccessCode,
  createApiKey,
  linkApiKey,
  setAccessCodeEnabled,
} from "./api-keys";
import type { Author } from "@/lib/author";
import { hashSecret } from "@/lib/secrets";

const meta = { ip: "203.0.113.9", userAgent: "vitest" };
let t: TestDatabase;
let acme: Author;
let globex: Author;

async function authorFor(email: string): Promise<Author> {
  const [row] = await t.db
    .select({ id: users.id, name: users.name, org: users.organizationId })
    .from(users)
    .where(eq(users.email, email));
  const audit: AuditActor = { type: "user", id: row!.id, label: row!.name, organizationId: row!.org };
  return { audit, userId: row!.id };
}

const resolve = (secret: string, headers: Record<string, string> = {}) =>
  resolveAccessCode(secret, {
    db: t.db,
    account: headers["X-Keyward-Account"]?.toLowerCase() ?? null,
    transport: "x_api_key_header",
  });

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData(t.db);
  acme = await authorFor("admin@acme.test");
  globex = await authorFor("admin@globex.test");
}, 120_000);

afterAll(async () => {
  await t?.close();
});

describe(`API key services (${process.env.DATABASE_URL ? "PostgreSQL" : "PGlite"})`, () => {
  it("never gives a key a third access code, even when many creates race", async () => {
    const created = await createApiKey(t.db, acme, createApiKeySchema.parse({ name: "Race" }), meta);
    if (!created.ok) throw new Error(created.message);
    const attempts = await Promise.all(
      Array.from({ length: 8 }, () =>
        createAccessCode(t.db, acme, created.value.key.publicId, { description: "racer", validDays: 30 }, meta),
      ),
    );
    expect(attempts.filter((a) => a.ok)).toHaveLength(1);
    const codes = await t.db.select().from(accessCodes).where(eq(accessCodes.apiKeyId, created.value.key.id));
    expect(codes).toHaveLength(2);
    const audits = await t.db.select().from(auditEvents).where(eq(auditEvents.action, "access_code.created"));
    expect(audits.filter((a) => (a.metadata as { apiKeyId?: string }).apiKeyId === created.value.key.publicId)).toHaveLength(2);
  });

  it("refuses a second key whose name differs only in case", async () => {
    const first = await createApiKey(t.db, acme, createApiKeySchema.parse({ name: "Billing sync" }), meta);
    expect(first.ok).toBe(true);
    const second = await createApiKey(t.db, acme, createApiKeySchema.parse({ name: "BILLING SYNC" }), meta);
    expect(second).toMatchObject({ ok: false, field: "name" });
  });

  it("refuses write policies while the organisation disallows them", async () => {
    const refused = await createApiKey(t.db, acme, createApiKeySchema.parse({ name: "Writer", policies: ["keys:write"] }), meta);
    expect(refused).toMatchObject({ ok: false, field: "policies" });
  });

  it("refuses a custom value already in use with an answer that says nothing about who uses it", async () => {
    const value = "Zq8-Lr3#Vx1!Mn7Kp2Wt9Yb4Hd6Jf0Gs5Cu-Qe4Tz";
    const input = (name: string) => createApiKeySchema.parse({ name, keyValue: "custom", customValue: value });
    const first = await createApiKey(t.db, acme, input("Custom one"), meta);
    expect(first.ok).toBe(true);
    const elsewhere = await createApiKey(t.db, globex, input("Custom two"), meta);
    const here = await createApiKey(t.db, acme, input("Custom three"), meta);
    expect(elsewhere).toEqual({
      ok: false,
      reason: "conflict",
      message: "This value cannot be used. Choose another, or let Keyward generate the code.",
      field: "customValue",
    });
    expect(here).toEqual(elsewhere);
    const resolved = await resolve(value);
    expect(resolved.ok).toBe(true);
    // Each value's strength is estimated on the server (zxcvbn), which takes a moment on a busy machine.
  }, 60_000);

  it("refuses a guessable custom value for what it is, before looking it up, so it cannot probe other organisations", async () => {
    // A code set before values needed real entropy: long enough and patternless, but a phrase.
    const phrase = "acme-construction-billing-integration-key";
    const legacy = await createApiKey(t.db, globex, createApiKeySchema.parse({ name: "Legacy" }), meta);
    if (!legacy.ok) throw new Error(legacy.message);
    await t.db.insert(accessCodes).values({
      apiKeyId: legacy.value.key.id,
      description: "set long ago",
      secretHash: hashSecret(phrase),
      displayPrefix: "acme…",
      expiresAt: new Date(Date.now() + 86_400_000),
    });
    const probe = await createApiKey(t.db, acme, createApiKeySchema.parse({ name: "Probe", keyValue: "custom", customValue: phrase }), meta);
    expect(probe).toMatchObject({ ok: false, reason: "invalid", field: "customValue", message: expect.stringContaining("too easy to guess") });
    const fresh = await createApiKey(
      t.db,
      acme,
      createApiKeySchema.parse({ name: "Fresh phrase", keyValue: "custom", customValue: "globex-construction-billing-integrations" }),
      meta,
    );
    expect(fresh).toEqual({ ...probe, message: expect.stringContaining("too easy to guess") });
  }, 60_000);

  it("resolves a code only while it is enabled and its key active", async () => {
    const created = await createApiKey(t.db, acme, createApiKeySchema.parse({ name: "Revocable", policies: ["users:read"] }), meta);
    if (!created.ok) throw new Error(created.message);
    const ok = await resolve(created.value.code.secret);
    expect(ok).toMatchObject({ ok: true, principal: { policies: ["users:read"], credential: { kind: "access_code" } } });

    await setAccessCodeEnabled(t.db, acme, created.value.key.publicId, created.value.code.id, false, meta);
    expect(await resolve(created.value.code.secret)).toMatchObject({ ok: false, refusal: "disabled" });
    await setAccessCodeEnabled(t.db, acme, created.value.key.publicId, created.value.code.id, true, meta);
    // Direct updates bypass the services, which clear the verification cache after each change: do it here.
    await t.db.update(accessCodes).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(accessCodes.id, created.value.code.id));
    invalidateVerificationCache();
    expect(await resolve(created.value.code.secret)).toMatchObject({ ok: false, refusal: "expired" });
    await t.db.update(accessCodes).set({ expiresAt: new Date(Date.now() + 60_000) }).where(eq(accessCodes.id, created.value.code.id));
    invalidateVerificationCache();
    await archiveApiKey(t.db, acme, created.value.key.publicId, meta);
    expect(await resolve(created.value.code.secret)).toMatchObject({ ok: false, refusal: "archived" });
  });

  it("lets a linked key's source code act in the linking organisation only with X-Keyward-Account", async () => {
    const source = await createApiKey(t.db, globex, createApiKeySchema.parse({ name: "Shared", policies: ["audit:read"] }), meta);
    if (!source.ok) throw new Error(source.message);
    const noPolicy = linkApiKeySchema.safeParse({ sourceKeyId: source.value.key.publicId, policies: [] });
    expect(noPolicy.error?.issues[0]).toMatchObject({ path: ["policies"], message: expect.stringContaining("at least one policy") });
    expect(await linkApiKey(t.db, acme, { sourceKeyId: "kwk_unknown", name: "", policies: ["users:read"] }, meta)).toMatchObject({
      ok: false,
      message: expect.stringContaining("cannot be linked"),
    });
    const link = await linkApiKey(t.db, acme, { sourceKeyId: source.value.key.publicId, name: "", policies: ["users:read"] }, meta);
    expect(link.ok).toBe(true);
    const home = await resolve(source.value.code.secret);
    expect(home).toMatchObject({ ok: true, principal: { organization: { slug: "globex" }, policies: ["audit:read"] } });
    const there = await resolve(source.value.code.secret, { "X-Keyward-Account": "acme" });
    expect(there).toMatchObject({ ok: true, principal: { organization: { slug: "acme" }, policies: ["users:read"] } });
    const [acmeOrg] = await t.db.select().from(organizations).where(eq(organizations.slug, "acme"));
    const links = await t.db.select().from(apiKeys).where(eq(apiKeys.organizationId, acmeOrg!.id));
    expect(links.some((k) => k.linkedKeyId === source.value.key.id)).toBe(true);
  });

  it("narrows an impersonating key to the person's current permissions", async () => {
    const member = await authorFor("member@acme.test");
    const created = await createApiKey(
      t.db,
      acme,
      createApiKeySchema.parse({ name: "As Max", policies: ["users:read", "keys:read", "audit:read"], actsAsUserId: member.userId }),
      meta,
    );
    if (!created.ok) throw new Error(created.message);
    expect(await resolve(created.value.code.secret)).toMatchObject({ ok: true, principal: { policies: ["users:read"] } });
  });
});
