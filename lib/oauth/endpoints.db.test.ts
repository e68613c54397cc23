import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, organizations, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { resolveAccessToken } from "@/lib/api-auth/resolvers/access-token";
import { generateCompanyCredentials } from "@/lib/services/company-credentials";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { handleRevocationRequest, handleTokenRequest } from "./endpoints";
import { FAILED_OAUTH_REQUESTS_PER_MINUTE } from "./rate-limit";
import { mistyped } from "@/lib/testing/mistyped";

let t: TestDatabase;
let clientId: string;
let clientSecret: string;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData(t.db);
  const [acme] = await t.db.select().from(organizations).where(eq(organizations.slug, "acme"));
  const [lea] = await t.db.select().from(users).where(eq(users.email, "lead@acme.test"));
  const outcome = await generateCompanyCredentials(
    t.db,
    { audit: { type: "user", id: lea!.id, label: lea!.name, organizationId: acme!.id }, userId: lea!.id },
    { ip: null, userAgent: null },
  );
  if (!outcome.ok) throw new Error("expected credentials");
  ({ clientId, clientSecret } = outcome.value);
});
afterAll(() => t.close());

let ipCounter = 0;
/** Every test case comes from its own address, so the per-IP limit of one case does not leak into another. */
const freshIp = () => `198.51.100.${++ipCounter}`;

function tokenRequest(fields: Record<string, string>, init: { basic?: [string, string]; ip?: string; type?: string } = {}) {
  const headers = new Headers({
    "content-type": init.type ?? "application/x-www-form-urlencoded",
    "x-forwarded-for": init.ip ?? freshIp(),
  });
  if (init.basic) headers.set("authorization", `Basic ${Buffer.from(init.basic.join(":")).toString("base64")}`);
  return new Request("http://localhost/api/oauth/token", { method: "POST", headers, body: new URLSearchParams(fields).toString() });
}

describe("POST /api/oauth/token", () => {
  it.each([
    ["HTTP Basic", () => tokenRequest({ grant_type: "client_credentials" }, { basic: [clientId, clientSecret] })],
    ["form fields", () => tokenRequest({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret })],
  ])("issues a one-hour bearer token to a client authenticated by %s", async (_title, build) => {
    const response = await handleTokenRequest(t.db, build());
    expect(response.status).toBe(200);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = await response.json();
    expect(body).toEqual({ access_token: expect.stringMatching(/^kwat_/), token_type: "Bearer", expires_in: 3600 });
    const resolved = await resolveAccessToken(body.access_token, {
      db: t.db,
      account: null,
      transport: "authorization_bearer",
    });
    expect(resolved).toMatchObject({
      ok: true,
      principal: { credential: { kind: "oauth_token" }, policies: ["users:read", "keys:read", "audit:read"] },
    });
  });

  it.each([
    ["a wrong secret by Basic", () => tokenRequest({ grant_type: "client_credentials" }, { basic: [clientId, "kwcs_wrong"] }), 401, "invalid_client"],
    ["a wrong secret by form", () => tokenRequest({ grant_type: "client_credentials", client_id: clientId, client_secret: mistyped(clientSecret) }), 401, "invalid_client"],
    ["an unknown client", () => tokenRequest({ grant_type: "client_credentials" }, { basic: ["kwc_nobody", clientSecret] }), 401, "invalid_client"],
    ["no client authentication", () => tokenRequest({ grant_type: "client_credentials" }), 401, "invalid_client"],
    ["another grant type", () => tokenRequest({ grant_type: "password" }, { basic: [clientId, clientSecret] }), 400, "unsupported_grant_type"],
    ["no grant type", () => tokenRequest({}, { basic: [clientId, clientSecret] }), 400, "invalid_request"],
    ["a JSON body", () => tokenRequest({}, { basic: [clientId, clientSecret], type: "application/json" }), 400, "invalid_request"],
    ["two authentication methods", () => tokenRequest({ grant_type: "client_credentials", client_secret: clientSecret }, { basic: [clientId, clientSecret] }), 400, "invalid_request"],
  ] as const)("refuses %s", async (_title, build, status, error) => {
    const response = await handleTokenRequest(t.db, build());
    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error, status });
  });

  // One fixed instant, so the failures cannot straddle two rate-limit windows.
  const now = new Date("2030-01-01T12:00:10Z");

  it("answers 429 with Retry-After after too many failures for one client id, even from new addresses", async () => {
    const victim = "kwc_bruteforced0000000000000"; // well-formed: only those get a counter of their own
    for (let i = 0; i < FAILED_OAUTH_REQUESTS_PER_MINUTE; i++) {
      const response = await handleTokenRequest(t.db, tokenRequest({ grant_type: "client_credentials" }, { basic: [victim, "kwcs_guess"] }), now);
      expect(response.status).toBe(401);
    }
    const limited = await handleTokenRequest(t.db, tokenRequest({ grant_type: "client_credentials" }, { basic: [victim, "kwcs_guess"] }), now);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("50");
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
  });

  it("answers 429 after too many failures from one address, whatever client ids it tries", async () => {
    const ip = freshIp();
    for (let i = 0; i < FAILED_OAUTH_REQUESTS_PER_MINUTE; i++) {
      await handleTokenRequest(t.db, tokenRequest({ grant_type: "client_credentials" }, { basic: [`kwc_guess${i}`, "kwcs_x"], ip }), now);
    }
    // Even the right secret waits: the limit is checked before the secret, or guessing could go on.
    const limited = await handleTokenRequest(t.db, tokenRequest({ grant_type: "client_credentials" }, { basic: [clientId, clientSecret], ip }), now);
    expect(limited.status).toBe(429);
    const elsewhere = await handleTokenRequest(t.db, tokenRequest({ grant_type: "client_credentials" }, { basic: [clientId, clientSecret] }));
    expect(elsewhere.status).toBe(200);
  });
});

describe("POST /api/oauth/revoke", () => {
  async function token() {
    const response = await handleTokenRequest(t.db, tokenRequest({ grant_type: "client_credentials" }, { basic: [clientId, clientSecret] }));
    return ((await response.json()) as { access_token: string }).access_token;
  }
  const resolve = (value: string) =>
    resolveAccessToken(value, { db: t.db, account: null, transport: "authorization_bearer" });

  it("revokes the client's token and answers 200", async () => {
    const value = await token();
    const response = await handleRevocationRequest(t.db, tokenRequest({ token: value }, { basic: [clientId, clientSecret] }));
    expect(response.status).toBe(200);
    expect(await resolve(value)).toMatchObject({ ok: false });
  });

  it("answers 200 for a value that is not a token, or already revoked", async () => {
    for (const value of ["nonsense", "kwat_not_a_real_token"]) {
      const response = await handleRevocationRequest(t.db, tokenRequest({ token: value }, { basic: [clientId, clientSecret] }));
      expect(response.status).toBe(200);
    }
  });

  it("records the issuance and the revocation in the audit log, by token id and prefix, never the token", async () => {
    const ip = freshIp();
    const issued = await handleTokenRequest(t.db, tokenRequest({ grant_type: "client_credentials" }, { basic: [clientId, clientSecret], ip }));
    const value = ((await issued.json()) as { access_token: string }).access_token;
    await handleRevocationRequest(t.db, tokenRequest({ token: value }, { basic: [clientId, clientSecret], ip }));
    // A second revocation of the same token changes nothing and records nothing.
    await handleRevocationRequest(t.db, tokenRequest({ token: value }, { basic: [clientId, clientSecret], ip }));
    const events = await t.db.select().from(auditEvents).where(and(eq(auditEvents.ip, ip), eq(auditEvents.targetType, "oauth_token")));
    expect(events.map((e) => e.action).sort()).toEqual(["oauth_token.issued", "oauth_token.revoked"]);
    for (const event of events) {
      expect(event).toMatchObject({
        actorType: "oauth_client",
        actorLabel: `Company API credentials (${clientId})`,
        targetLabel: value.slice(0, 13),
        metadata: expect.objectContaining({ clientId }),
      });
    }
    expect(events[0]!.targetId).toBe(events[1]!.targetId);
    expect(JSON.stringify(events)).not.toContain(value);
    expect(JSON.stringify(events)).not.toContain(clientSecret);
  });

  it("refuses a client that does not authenticate, and leaves the token working", async () => {
    const value = await token();
    const response = await handleRevocationRequest(t.db, tokenRequest({ token: value }, { basic: [clientId, "kwcs_wrong"] }));
    expect(response.status).toBe(401);
    expect(await resolve(value)).toMatchObject({ ok: true });
  });
});
