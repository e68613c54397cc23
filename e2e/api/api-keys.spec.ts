import type { APIRequestContext } from "@playwright/test";
import { expect, storageStateFor, test } from "../fixtures";
import { createKey } from "../support/api-keys";

test.use({ storageState: storageStateFor("admin") });

type Send = (request: APIRequestContext, code: string) => ReturnType<APIRequestContext["get"]>;

// The six transports, in the authenticator's precedence order.
const TRANSPORTS: [string, Send][] = [
  ["Authorization: Bearer", (r, code) => r.get("/api/v1/me", { headers: { Authorization: `Bearer ${code}` } })],
  ["X-API-Key header", (r, code) => r.get("/api/v1/me", { headers: { "X-API-Key": code } })],
  ["apiKey query parameter", (r, code) => r.get(`/api/v1/me?apiKey=${encodeURIComponent(code)}`)],
  ["key query parameter", (r, code) => r.get(`/api/v1/me?key=${encodeURIComponent(code)}`)],
  ["form field key", (r, code) => r.fetch("/api/v1/api-keys/kwk_000000000000000000000000", { method: "PATCH", form: { key: code } })],
  ["JSON property API_Key", (r, code) => r.fetch("/api/v1/api-keys/kwk_000000000000000000000000", { method: "PATCH", data: { API_Key: code } })],
];

test("An integration reaches the API with an access code sent in each of the six documented ways", async ({ page, request }) => {
  const { secret } = await createKey(page, { policies: ["users:read"] });
  for (const [name, send] of TRANSPORTS) {
    const response = await send(request, secret);
    // GET /me answers 200; the body transports go to a write route, which this key may not use: 403 proves the
    // credential was found and authenticated (a missing one would be 401).
    expect([200, 403], name).toContain(response.status());
    const body = (await response.json()) as { policy?: string; credential?: { kind: string } };
    if (response.status() === 403) expect(body.policy, name).toBe("keys:write");
    else expect(body.credential?.kind, name).toBe("access_code");
  }
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});

test("Two different credentials in one request are refused with 400", async ({ page, request }) => {
  const first = await createKey(page);
  const second = await createKey(page);
  const response = await request.get(`/api/v1/me?apiKey=${first.secret}`, { headers: { "X-API-Key": second.secret } });
  expect(response.status()).toBe(400);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  const same = await request.get(`/api/v1/me?apiKey=${first.secret}`, { headers: { "X-API-Key": first.secret } });
  expect(same.status()).toBe(200);
});

const BAD: [string, Record<string, string>, string][] = [
  ["no credential", {}, "carries no credential"],
  ["a mistyped generated code", { "X-API-Key": "kwak_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000" }, "not valid"],
  ["an unknown custom value", { "X-API-Key": "this-is-not-a-key-anyone-made-0123456789" }, "not valid"],
  ["an empty bearer", { Authorization: "Bearer " }, "carries no credential"],
];
for (const [what, headers, detail] of BAD) {
  test(`A request with ${what} gets 401 with a challenge`, async ({ request }) => {
    const response = await request.get("/api/v1/me", { headers });
    expect(response.status()).toBe(401);
    expect(response.headers()["www-authenticate"]).toContain("Bearer");
    expect((await response.json()).detail).toContain(detail);
  });
}

test("An address that keeps sending access codes that are not valid gets 429 with Retry-After, whatever it forges", async ({
  request,
}) => {
  // 30 refusals a minute are allowed; 61 requests cross that in one window however they fall across a minute.
  let limitedAt = -1;
  let retryAfter = "";
  for (let i = 0; i <= 60 && limitedAt < 0; i++) {
    const response = await request.get("/api/v1/me", {
      headers: { "X-API-Key": `a-guessed-custom-value-${i}-0123456789abcdef`, "X-Forwarded-For": `6.6.6.${i}, 203.0.113.200` },
    });
    if (response.status() === 429) {
      limitedAt = i;
      retryAfter = response.headers()["retry-after"] ?? "";
      expect(response.headers()["content-type"]).toContain("application/problem+json");
    } else {
      expect(response.status()).toBe(401);
    }
  }
  expect(limitedAt).toBeGreaterThanOrEqual(30);
  expect(Number(retryAfter)).toBeGreaterThan(0);
});

test("A gateway verifies access codes without learning anything about unknown ones", async ({ page, request }) => {
  const { keyId, secret } = await createKey(page, { policies: ["users:read"] });
  const valid = await request.post("/api/v1/keys/verify", { data: { key: secret } });
  expect(valid.status()).toBe(200);
  expect(await valid.json()).toMatchObject({
    valid: true,
    keyId,
    organization: { slug: "acme" },
    policies: ["users:read"],
    expiresAt: expect.any(String),
  });
  // Whatever string the gateway's caller sent is answered: empty, blank and overlong ones too.
  const sent = ["kwak_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000", "kwpk_whatever", "some-unknown-custom-value-0123456789abcdef", "", "   ", `${secret}x`.repeat(100)];
  for (const key of sent) {
    const unknown = await request.post("/api/v1/keys/verify", { data: { key } });
    expect(unknown.status(), JSON.stringify(key.slice(0, 40))).toBe(200);
    expect(await unknown.json()).toEqual({ valid: false, code: "NOT_FOUND" });
  }
  const emptyForm = await request.post("/api/v1/keys/verify", { form: { key: "" } });
  expect(emptyForm.status()).toBe(200);
  expect(await emptyForm.json()).toEqual({ valid: false, code: "NOT_FOUND" });
  // A request without a key, or with one that is no string, is the gateway's own mistake.
  for (const data of [{ nothing: true }, { key: 42 }, { key: null }]) {
    const bad = await request.post("/api/v1/keys/verify", { data });
    expect(bad.status(), JSON.stringify(data)).toBe(422);
    expect((await bad.json()).errors.key).toEqual(['Send the access code as "key", a string.']);
  }
});

test("An integration with audit:read pages through the audit log by cursor", async ({ page, request }) => {
  const { secret } = await createKey(page, { policies: ["audit:read"] });
  await createKey(page);
  const headers = { "X-API-Key": secret };
  const first = await request.get("/api/v1/audit-events?limit=2", { headers });
  expect(first.status()).toBe(200);
  const one = await first.json();
  expect(one.data).toHaveLength(2);
  expect(one.nextCursor).toEqual(expect.any(String));
  const second = await (await request.get(`/api/v1/audit-events?limit=2&cursor=${one.nextCursor}`, { headers })).json();
  const ids = [...one.data, ...second.data].map((e: { id: string }) => e.id);
  expect(new Set(ids).size).toBe(ids.length);
  const times = [...one.data, ...second.data].map((e: { createdAt: string }) => e.createdAt);
  expect([...times].sort().reverse()).toEqual(times);
  for (const query of ["limit=0", "limit=101", "cursor=nope"]) {
    expect((await request.get(`/api/v1/audit-events?${query}`, { headers })).status(), query).toBe(422);
  }
});

test("An integration with keys:read reads keys but never a secret", async ({ page, request }) => {
  const { keyId, secret } = await createKey(page, { policies: ["keys:read"] });
  const list = await request.get("/api/v1/api-keys", { headers: { "X-API-Key": secret } });
  expect(list.status()).toBe(200);
  const text = await list.text();
  expect(text).toContain(keyId);
  expect(text).not.toContain(secret);
  const one = await request.get(`/api/v1/api-keys/${keyId}`, { headers: { "X-API-Key": secret } });
  expect(await one.json()).toMatchObject({ id: keyId, status: "active", accessCodes: [{ prefix: secret.slice(0, 13) }] });
  expect((await request.get("/api/v1/api-keys/kwk_000000000000000000000000", { headers: { "X-API-Key": secret } })).status()).toBe(404);
  expect((await request.post(`/api/v1/api-keys/${keyId}/archive`, { headers: { "X-API-Key": secret } })).status()).toBe(403);
});

