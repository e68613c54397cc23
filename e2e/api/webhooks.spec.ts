import { expect, storageStateFor, test } from "../fixtures";
import { asKey, enablePersonalKey } from "../personal-key";
import { createKey } from "../support/api-keys";
import { openRowActions } from "../support/row-actions";
import { addWebhookInConsole, uniqueHookUrl } from "../support/webhooks";

// Gus Globex's personal key; the server runs with KEYWARD_WEBHOOK_ALLOW_PRIVATE=1, so loopback is allowed here and
// the flag-unset refusals (http://10.0.0.1, http://169.254.169.254, https://localhost) are unit-tested in
// lib/webhooks/address-policy.test.ts.
test.describe.configure({ mode: "serial" });

let key = "";
const valid = { url: "https://127.0.0.1:9/globex/hooks", entity: "ApiKey", operationType: "Delete" };

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor("globex") });
  key = await enablePersonalKey(await context.newPage());
  await context.close();
});

const BAD_CREATES: { title: string; body: Record<string, unknown>; field: string; message: RegExp }[] = [
  { title: "no fields", body: {}, field: "url", message: /Enter the URL/ },
  { title: "a URL that is not one", body: { ...valid, url: "not a url" }, field: "url", message: /full URL/ },
  { title: "an ftp URL", body: { ...valid, url: "ftp://example.com/in" }, field: "url", message: /must use https/ },
  { title: "http to a private network", body: { ...valid, url: "http://10.0.0.1/hook" }, field: "url", message: /must use https/ },
  { title: "https to a private network", body: { ...valid, url: "https://10.0.0.1/hook" }, field: "url", message: /private address \(10\.0\.0\.1\)/ },
  { title: "http to cloud metadata", body: { ...valid, url: "http://169.254.169.254/latest/meta-data" }, field: "url", message: /must use https/ },
  { title: "https to cloud metadata", body: { ...valid, url: "https://169.254.169.254/" }, field: "url", message: /link-local/ },
  { title: "an IPv4-mapped private address", body: { ...valid, url: "https://[::ffff:192.168.0.1]/" }, field: "url", message: /private/ },
  { title: "an IPv6 link-local address", body: { ...valid, url: "https://[fe80::1]/" }, field: "url", message: /link-local/ },
  { title: "a multicast address", body: { ...valid, url: "https://224.0.0.251/" }, field: "url", message: /multicast/ },
  { title: "credentials in the URL", body: { ...valid, url: "https://user:pw@127.0.0.1/" }, field: "url", message: /user name or password/ },
  { title: "an unknown entity", body: { ...valid, entity: "Invoice" }, field: "entity", message: /Choose an entity/ },
  { title: "an unknown operation type", body: { ...valid, operationType: "Upsert" }, field: "operationType", message: /Choose an operation type/ },
  { title: "a URL of the wrong type", body: { ...valid, url: 42 }, field: "url", message: /Enter the URL/ },
];

for (const bad of BAD_CREATES) {
  test(`An integration creating a webhook with ${bad.title} gets a 422 naming the field`, async ({ request }) => {
    const response = await request.post("/api/v1/webhooks", { ...asKey(key), data: bad.body });
    expect(response.status()).toBe(422);
    expect(response.headers()["content-type"]).toContain("application/problem+json");
    const problem = await response.json();
    expect(problem.errors[bad.field].join(" ")).toMatch(bad.message);
    const list = await (await request.get("/api/v1/webhooks", asKey(key))).json();
    expect(list.data).toEqual([]);
  });
}

test("An integration may subscribe to every documented pair, User Create included, as the reference lists them", async ({ request }) => {
  const response = await request.post("/api/v1/webhooks", {
    ...asKey(key),
    data: { url: "https://127.0.0.1:9/globex/people", entity: "User", operationType: "Create" },
  });
  expect(response.status()).toBe(201);
  const { id } = await response.json();
  expect((await request.delete(`/api/v1/webhooks/${id}`, asKey(key))).status()).toBe(204);
});

test("An integration sending a body that is not JSON gets a 400", async ({ request }) => {
  const response = await request.post("/api/v1/webhooks", {
    headers: { "X-API-Key": key, "Content-Type": "application/json" },
    data: "{not json",
  });
  expect(response.status()).toBe(400);
  expect((await response.json()).detail).toMatch(/JSON/);
});

for (const [title, headers] of [
  ["no credential", {}],
  ["a personal key with a bad checksum", { "X-API-Key": "kwpk_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaa000000" }],
] as const) {
  test(`An integration with ${title} cannot list webhooks`, async ({ request }) => {
    const response = await request.get("/api/v1/webhooks", { headers });
    expect(response.status()).toBe(401);
    expect(response.headers()["www-authenticate"]).toContain("Bearer");
  });
}

test("An integration creates, lists, switches Off, changes and deletes its webhook with a personal key", async ({ request, pageAs }) => {
  const created = await request.post("/api/v1/webhooks", { headers: { Authorization: `Bearer ${key}` }, data: valid });
  expect(created.status()).toBe(201);
  const body = await created.json();
  expect(Object.keys(body).sort()).toEqual(["createdAt", "entity", "id", "operationType", "secret", "status", "url"]);
  expect(body).toMatchObject({ ...valid, status: "On" });
  expect(body.secret).toMatch(/^whsec_/);
  expect(created.headers()["location"]).toBe(`/api/v1/webhooks/${body.id}`);

  const listed = await (await request.get(`/api/v1/webhooks?apiKey=${key}`)).json();
  expect(listed.data).toEqual([expect.objectContaining({ id: body.id, url: valid.url, status: "On" })]);
  expect(JSON.stringify(listed)).not.toContain("whsec_");

  const off = await request.patch(`/api/v1/webhooks/${body.id}`, { ...asKey(key), data: { status: "Off" } });
  expect(off.status()).toBe(200);
  expect(await off.json()).toMatchObject({ id: body.id, status: "Off" });

  for (const [patch, field] of [
    [{}, "status"],
    [{ status: "Maybe" }, "status"],
    [{ url: "https://10.0.0.1/" }, "url"],
    [{ url: "http://169.254.169.254/" }, "url"],
  ] as const) {
    const refused = await request.patch(`/api/v1/webhooks/${body.id}`, { ...asKey(key), data: patch });
    expect(refused.status(), JSON.stringify(patch)).toBe(422);
    expect((await refused.json()).errors[field]).toBeDefined();
  }

  const moved = await request.patch(`/api/v1/webhooks/${body.id}`, { ...asKey(key), data: { url: "https://127.0.0.1:9/globex/v2" } });
  expect(await moved.json()).toMatchObject({ url: "https://127.0.0.1:9/globex/v2", status: "Off" });

  for (const id of ["00000000-0000-4000-8000-000000000000", "not-an-id"]) {
    expect((await request.patch(`/api/v1/webhooks/${id}`, { ...asKey(key), data: { status: "On" } })).status()).toBe(404);
    expect((await request.delete(`/api/v1/webhooks/${id}`, asKey(key))).status()).toBe(404);
  }

  expect((await request.delete(`/api/v1/webhooks/${body.id}`, asKey(key))).status()).toBe(204);
  expect((await request.delete(`/api/v1/webhooks/${body.id}`, asKey(key))).status()).toBe(404);
  expect((await (await request.get("/api/v1/webhooks", asKey(key))).json()).data).toEqual([]);

  const admin = await pageAs("globex");
  await admin.goto("/admin/audit-log");
  await expect(admin.getByRole("row", { name: /Gus Globex added the webhook https:\/\/127\.0\.0\.1:9\/globex\/hooks/ })).toBeVisible();
  await expect(admin.getByRole("row", { name: /Gus Globex deleted the webhook https:\/\/127\.0\.0\.1:9\/globex\/v2/ })).toBeVisible();
});

test("An integration reads one webhook and rolls its signing secret with a personal key; another person's webhook is not found", async ({ request, pageAs }) => {
  const created = await request.post("/api/v1/webhooks", { ...asKey(key), data: { ...valid, url: "https://127.0.0.1:9/globex/rolled" } });
  const { id, secret: first } = await created.json();
  const one = await request.get(`/api/v1/webhooks/${id}`, asKey(key));
  expect(one.status()).toBe(200);
  expect(one.headers()["cache-control"]).toBe("no-store");
  const inList = (await (await request.get("/api/v1/webhooks", asKey(key))).json()).data.find((hook: { id: string }) => hook.id === id);
  expect(await one.json()).toEqual(inList);
  expect(inList).toMatchObject({ id, url: "https://127.0.0.1:9/globex/rolled", entity: "ApiKey", operationType: "Delete", status: "On" });
  expect(inList).not.toHaveProperty("secret");

  const rolled = await request.post(`/api/v1/webhooks/${id}/roll-secret`, asKey(key));
  expect(rolled.status()).toBe(200);
  expect(rolled.headers()["cache-control"]).toBe("no-store");
  const body = await rolled.json();
  expect(Object.keys(body).sort()).toEqual(["id", "previousSecretExpiresAt", "secret"]);
  // No body: no grace, as before grace existed.
  expect(body.previousSecretExpiresAt).toBeNull();
  expect(body.id).toBe(id);
  expect(body.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
  expect(body.secret).not.toBe(first);
  const listed = await (await request.get("/api/v1/webhooks", asKey(key))).json();
  expect(JSON.stringify(listed)).not.toContain("whsec_");

  // Max Member's webhook, in another organisation: Gus's key cannot roll it, nor an id that is no webhook's.
  const max = await pageAs("member");
  const maxUrl = uniqueHookUrl("max-not-globex");
  await addWebhookInConsole(max, maxUrl);
  const log = (await openRowActions(max, max, maxUrl)).getByRole("menuitem", { name: `Delivery log of ${maxUrl}` });
  const maxId = (await log.getAttribute("href"))!.split("/").pop()!;
  for (const other of [maxId, "00000000-0000-4000-8000-000000000000", "not-an-id"]) {
    const refused = await request.post(`/api/v1/webhooks/${other}/roll-secret`, asKey(key));
    expect(refused.status(), other).toBe(404);
    expect(refused.headers()["content-type"]).toContain("application/problem+json");
    expect(await refused.text()).not.toContain("whsec_");
    const read = await request.get(`/api/v1/webhooks/${other}`, asKey(key));
    expect(read.status(), `GET ${other}`).toBe(404);
    expect(await read.json()).toMatchObject({ status: 404, detail: "You have no webhook with this id." });
  }

  const gus = await pageAs("globex");
  await gus.goto("/admin/audit-log");
  await expect(gus.getByRole("row", { name: /Gus Globex rolled the signing secret of the webhook https:\/\/127\.0\.0\.1:9\/globex\/rolled/ })).toHaveCount(1);
  const ada = await pageAs("admin");
  await ada.goto("/admin/audit-log");
  await expect(ada.getByRole("row", { name: /added the webhook/ }).filter({ hasText: maxUrl })).toHaveCount(1);
  await expect(ada.getByRole("row", { name: /rolled the signing secret/ }).filter({ hasText: maxUrl })).toHaveCount(0);
  expect((await request.delete(`/api/v1/webhooks/${id}`, asKey(key))).status()).toBe(204);
});

test("An integration rolls a signing secret with a grace, sees until when the old one signs, and stops it early", async ({ request }) => {
  const created = await request.post("/api/v1/webhooks", { ...asKey(key), data: { ...valid, url: "https://127.0.0.1:9/globex/grace" } });
  const { id } = await created.json();

  for (const grace of ["2h", "", 24, null]) {
    const refused = await request.post(`/api/v1/webhooks/${id}/roll-secret`, { ...asKey(key), data: { grace } });
    expect(refused.status(), JSON.stringify(grace)).toBe(422);
    expect((await refused.json()).errors.grace.join(" ")).toContain("Choose how long the previous secret keeps working: now, 1h, 24h, 7d.");
  }

  const before = Date.now();
  const rolled = await request.post(`/api/v1/webhooks/${id}/roll-secret`, { ...asKey(key), data: { grace: "24h" } });
  expect(rolled.status()).toBe(200);
  const { previousSecretExpiresAt } = await rolled.json();
  const day = 24 * 3600_000;
  expect(Date.parse(previousSecretExpiresAt)).toBeGreaterThanOrEqual(before + day - 1000);
  expect(Date.parse(previousSecretExpiresAt)).toBeLessThanOrEqual(Date.now() + day + 1000);
  const one = await (await request.get(`/api/v1/webhooks/${id}`, asKey(key))).json();
  expect(one.previousSecretExpiresAt).toBe(previousSecretExpiresAt);

  // The form body the reference offers takes the same field.
  const again = await request.post(`/api/v1/webhooks/${id}/roll-secret`, { ...asKey(key), form: { grace: "1h" } });
  expect(again.status()).toBe(200);
  const hour = Date.parse((await again.json()).previousSecretExpiresAt) - Date.now();
  expect(hour).toBeGreaterThan(3600_000 - 60_000);
  expect(hour).toBeLessThanOrEqual(3600_000);

  const stopped = await request.post(`/api/v1/webhooks/${id}/stop-previous-secret`, asKey(key));
  expect(stopped.status()).toBe(200);
  expect(await stopped.json()).toMatchObject({ id, previousSecretExpiresAt: null });
  expect((await (await request.get(`/api/v1/webhooks/${id}`, asKey(key))).json()).previousSecretExpiresAt).toBeNull();
  const nothing = await request.post(`/api/v1/webhooks/${id}/stop-previous-secret`, asKey(key));
  expect(nothing.status()).toBe(404);
  expect(await nothing.json()).toMatchObject({ detail: "This webhook has no previous signing secret to stop: only its current secret signs." });
  for (const other of ["00000000-0000-4000-8000-000000000000", "not-an-id"]) {
    expect((await request.post(`/api/v1/webhooks/${other}/stop-previous-secret`, asKey(key))).status(), other).toBe(404);
  }
  expect((await request.delete(`/api/v1/webhooks/${id}`, asKey(key))).status()).toBe(204);
});

test("An API key that acts as no one is told that webhooks belong to a person", async ({ request, pageAs }) => {
  // Acme's Administrator makes the key; this spec's other tests use Globex.
  const { secret } = await createKey(await pageAs("admin"), { policies: ["webhooks:read"] });
  const response = await request.get("/api/v1/webhooks", { headers: { "X-API-Key": secret } });
  expect(response.status()).toBe(403);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  expect(await response.json()).toMatchObject({ reason: "no_user", detail: expect.stringMatching(/acts as no one/) });
});
