import { expect, storageStateFor, test } from "./fixtures";
import { createKey } from "./support/api-keys";

test.use({ storageState: storageStateFor("admin") });

test("An Administrator finds a key's calls in the access log, with the credential redacted from the query string", async ({
  page,
  request,
}) => {
  const { name, keyId, secret } = await createKey(page, { policies: ["users:read"], logBodies: true });
  expect((await request.get(`/api/v1/me?apiKey=${secret}&page=2`)).status()).toBe(200);
  expect((await request.get("/api/v1/api-keys", { headers: { "X-API-Key": secret } })).status()).toBe(403);

  await page.goto("/admin/access-logs");
  await page.getByLabel("Key", { exact: true }).selectOption({ label: name });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`key=${keyId}`));
  const log = page.getByRole("table", { name: "Access log" });
  await expect(async () => {
    await page.reload();
    await expect(log.getByRole("row")).toHaveCount(3, { timeout: 1000 });
  }).toPass();
  await expect(log).toContainText("GET /api/v1/me?apiKey=[REDACTED]&page=2");
  await expect(log).not.toContainText(secret);
  await expect(log.getByRole("row").filter({ hasText: "/api/v1/api-keys" })).toContainText("403");

  await page.getByLabel("Status").selectOption("4xx");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(log.getByRole("row")).toHaveCount(2);

  await page.getByRole("link", { name: "Details of GET /api/v1/api-keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "GET /api/v1/api-keys" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Response body" })).toContainText("keys:read");

  await page.goto(`/admin/api-keys/${keyId}/logs`);
  await expect(page.getByRole("table", { name: "Access log" }).getByRole("row")).toHaveCount(3);
  await expect(page.getByRole("tab", { name: "Logs", exact: true })).toHaveAttribute("aria-selected", "true");
});

test("A refused attempt with a disabled code is logged under its key, and last used is shown", async ({ page, request }) => {
  const { name, keyId, secret } = await createKey(page);
  expect((await request.get("/api/v1/me", { headers: { "X-API-Key": secret } })).status()).toBe(200);
  await page.getByRole("tab", { name: "Access Codes" }).click();
  await page.getByRole("switch", { name: "Enabled" }).click();
  // The switch flips at once; the toast says the server has saved it.
  await expect(page.getByText(`Access code ${secret.slice(0, 13)} disabled`)).toBeVisible();
  expect((await request.get("/api/v1/me", { headers: { "X-API-Key": secret } })).status()).toBe(401);

  await expect(async () => {
    await page.goto(`/admin/api-keys/${keyId}/logs?status=4xx`);
    await expect(page.getByRole("table", { name: "Access log" })).toContainText("401", { timeout: 1000 });
  }).toPass();
  // The successful call before the code was disabled is the key's last use.
  await page.goto(`/admin/api-keys?q=${encodeURIComponent(name)}`);
  const row = page.getByRole("row", { name: new RegExp(name) });
  await expect(row).toBeVisible();
  await expect(row).not.toContainText("Never");
});
