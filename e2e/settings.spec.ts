import { expect, storageStateFor, test } from "./fixtures";
import { createKey, fillCreateKeyForm } from "./support/api-keys";
import { nextActionRequest, replayAction } from "./support/replay";

// These tests switch organisation-wide settings of Globex: one at a time, and back to the defaults at the end.
test.describe.configure({ mode: "serial" });
test.use({ storageState: storageStateFor("globex") });

async function setSwitch(page: import("@playwright/test").Page, name: string, on: boolean) {
  await page.goto("/admin/settings");
  const control = page.getByRole("switch", { name });
  if ((await control.getAttribute("aria-checked")) !== String(on)) {
    await control.click();
    await expect(page.getByText("Settings saved").first()).toBeVisible();
  }
  await expect(control).toHaveAttribute("aria-checked", String(on));
}

test.afterAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor("globex") });
  const page = await context.newPage();
  await setSwitch(page, "Allow write policies", false);
  await setSwitch(page, "Allow keys in query strings", true);
  await setSwitch(page, "Allow personal API keys", true);
  await context.close();
});

test("An Administrator sees the three settings with their defaults", async ({ page }) => {
  await page.goto("/admin/settings");
  await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
  await expect(page.getByRole("switch", { name: "Allow write policies" })).not.toBeChecked();
  await expect(page.getByRole("switch", { name: "Allow keys in query strings" })).toBeChecked();
  await expect(page.getByRole("switch", { name: "Allow personal API keys" })).toBeChecked();
});

test("Write policies stay greyed until an Administrator allows them, and the server drops them when turned off", async ({
  page,
  request,
}) => {
  await fillCreateKeyForm(page, {});
  await page.getByRole("button", { name: "Choose policies" }).click();
  const modal = page.getByRole("dialog", { name: "Choose policies" });
  for (const policy of ["users:write", "keys:write", "webhooks:write", "native"]) {
    await expect(modal.getByRole("checkbox", { name: policy, exact: true })).toBeDisabled();
  }
  await expect(modal).toContainText("Write policies are turned off");
  await expect(modal.getByRole("checkbox", { name: "users:read", exact: true })).toBeEnabled();

  await setSwitch(page, "Allow write policies", true);
  const { keyId, secret } = await createKey(page, { policies: ["keys:read", "keys:write"] });
  const headers = { "X-API-Key": secret };
  expect((await (await request.get("/api/v1/me", { headers })).json()).permissions).toEqual(["keys:read", "keys:write"]);

  // The API's write routes, with bad inputs first: nothing is created.
  for (const [data, field] of [
    [{}, "name"],
    [{ name: "x", policies: ["admin:all"] }, "policies.0"],
    [{ name: "x", keyValue: "custom", customValue: "short" }, "customValue"],
  ] as const) {
    const response = await request.post("/api/v1/api-keys", { headers, data });
    expect(response.status(), JSON.stringify(data)).toBe(422);
    expect((await response.json()).errors[field], JSON.stringify(data)).toBeTruthy();
  }
  // Nor can it make a key more powerful than itself.
  const beyond = await request.post("/api/v1/api-keys", { headers, data: { name: "x", policies: ["native"] } });
  expect(beyond.status()).toBe(403);
  expect((await beyond.json()).policy).toBe("native");
  const created = await request.post("/api/v1/api-keys", { headers, data: { name: `Made by API ${keyId}`, tags: ["api"] } });
  expect(created.status()).toBe(201);
  const body = await created.json();
  expect(body.accessCode.secret).toMatch(/^kwak_/);
  const patched = await request.patch(`/api/v1/api-keys/${body.apiKey.id}`, { headers, data: { description: "changed" } });
  expect(await patched.json()).toMatchObject({ description: "changed" });
  const archived = await request.post(`/api/v1/api-keys/${body.apiKey.id}/archive`, { headers });
  expect(await archived.json()).toMatchObject({ status: "archived" });
  expect((await request.get("/api/v1/me", { headers: { "X-API-Key": body.accessCode.secret } })).status()).toBe(401);

  await setSwitch(page, "Allow write policies", false);
  expect((await (await request.get("/api/v1/me", { headers })).json()).permissions).toEqual(["keys:read"]);
  const refused = await request.post("/api/v1/api-keys", { headers, data: { name: `Refused ${keyId}` } });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).policy).toBe("keys:write");

  await page.goto("/admin/audit-log");
  await expect(page.getByRole("row", { name: /changed the API settings of Globex Corporation/ }).first()).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`archived the API key Made by API ${keyId}`) })).toBeVisible();
});

test("Turning off keys in query strings makes apiKey and key parameters fail with the reason", async ({ page, request }) => {
  const { secret } = await createKey(page);
  await setSwitch(page, "Allow keys in query strings", false);
  for (const param of ["apiKey", "key"]) {
    const response = await request.get(`/api/v1/me?${param}=${secret}`);
    expect(response.status()).toBe(401);
    expect((await response.json()).detail).toContain("Keys in query strings are turned off");
  }
  expect((await request.get("/api/v1/me", { headers: { "X-API-Key": secret } })).status()).toBe(200);
  await setSwitch(page, "Allow keys in query strings", true);
  expect((await request.get(`/api/v1/me?apiKey=${secret}`)).status()).toBe(200);
});

test("Two Administrators change different switches at the same moment, and both changes are kept", async ({
  pageAs,
  playwright,
  baseURL,
}) => {
  const first = await pageAs("globex");
  const second = await pageAs("globex");
  await first.goto("/admin/settings");
  await second.goto("/admin/settings");
  await expect(second.getByRole("switch", { name: "Allow write policies" })).not.toBeChecked();

  const saved = nextActionRequest(first);
  await first.getByRole("switch", { name: "Allow write policies" }).click();
  const original = await saved;
  await expect(first.getByText("Settings saved").first()).toBeVisible();
  // The second page still shows write policies off: its save must not carry that stale value back.
  await second.getByRole("switch", { name: "Allow keys in query strings" }).click();
  await expect(second.getByText("Settings saved").first()).toBeVisible();

  for (const page of [first, second]) {
    await page.reload();
    await expect(page.getByRole("switch", { name: "Allow write policies" })).toBeChecked();
    await expect(page.getByRole("switch", { name: "Allow keys in query strings" })).not.toBeChecked();
  }

  const asMember = await playwright.request.newContext({ storageState: storageStateFor("member"), baseURL });
  const replayed = await replayAction(asMember, original);
  expect(await replayed.text()).toContain("You must be an Administrator to change the organisation's settings.");
  await asMember.dispose();
});
