import { expect, PEOPLE, storageStateFor, test } from "./fixtures";
import { asKey, enablePersonalKey } from "./personal-key";
import { createKey } from "./support/api-keys";
import { signedInDirect } from "./support/direct-server";
import { localValue } from "./support/local-time";

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
  const prefix = secret.slice(0, 13);
  // The use is recorded in batches: the code is "used" once its row says when.
  const codeRow = page.getByRole("table", { name: "Access codes" }).getByRole("row").filter({ hasText: prefix });
  await expect(async () => {
    await page.goto(`/admin/api-keys/${keyId}/access-codes`);
    await expect(codeRow).not.toContainText("Never", { timeout: 1000 });
  }).toPass();
  // A code used in the last 24 hours is disabled only after confirming.
  await codeRow.getByRole("switch", { name: "Enabled" }).click();
  await page.getByRole("alertdialog", { name: `Disable access code ${prefix}?` }).getByRole("button", { name: "Disable access code" }).click();
  await expect(page.getByText(`Access code ${prefix} disabled`)).toBeVisible();
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

// Personal keys and the company credentials are organisation-wide things other specs manage on the usual server;
// these requests are made on the second server, where nothing else uses Acme's.
test("An Administrator reads each request's credential in words, filters by a person's key or the company credentials, and opens an entry from anywhere in its row", async ({
  browser,
}) => {
  // Three people sign in and act before the Administrator reads the log.
  test.slow();
  const max = await signedInDirect(browser, PEOPLE.member);
  const personalKey = await enablePersonalKey(max);
  expect((await max.request.get("/api/v1/me", asKey(personalKey))).status()).toBe(200);

  const lea = await signedInDirect(browser, PEOPLE.lead);
  await lea.goto("/profile/account-settings");
  const other = lea.getByRole("region", { name: "Other" });
  await other.getByRole("button", { name: "Generate API credentials" }).click();
  await lea.getByRole("dialog", { name: "Generate API credentials" }).getByRole("button", { name: "Generate API credentials" }).click();
  const reveal = lea.getByRole("dialog", { name: "Your company's API credentials" });
  const clientId = await reveal.getByRole("textbox", { name: "Client ID" }).inputValue();
  const clientSecret = await reveal.getByRole("textbox", { name: "Client secret" }).inputValue();
  const issued = await lea.request.post("/api/oauth/token", {
    form: { grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret },
  });
  const { access_token: token } = await issued.json();
  expect((await lea.request.get("/api/v1/users", { headers: { Authorization: `Bearer ${token}` } })).status()).toBe(200);

  const admin = await signedInDirect(browser, PEOPLE.admin);
  const log = admin.getByRole("table", { name: "Access log" });
  const maxRow = log.getByRole("row").filter({ hasText: `${PEOPLE.member.name}'s personal key` });
  const companyRow = log.getByRole("row").filter({ hasText: "Company credentials (OAuth token)" });
  await expect(async () => {
    await admin.goto("/admin/access-logs");
    await expect(companyRow.filter({ hasText: "GET /api/v1/users" })).toHaveCount(1, { timeout: 1000 });
  }).toPass();
  await expect(maxRow.filter({ hasText: "GET /api/v1/me" })).toHaveCount(1);
  await expect(log).not.toContainText("personal_key");
  await expect(log).not.toContainText("oauth_token");

  // How long ago, with the time to the second on hover and for screen readers.
  const when = maxRow.getByRole("cell").first();
  await expect(when).toContainText(/just now|ago/);
  await expect(when.getByRole("time")).toHaveAttribute("title", /\d{1,2}:\d{2}:\d{2}/);

  const keyFilter = admin.getByLabel("Key", { exact: true });
  await keyFilter.selectOption({ label: `${PEOPLE.member.name}'s personal key` });
  await admin.getByRole("button", { name: "Filter" }).click();
  await expect(admin).toHaveURL(/key=personal_key%3A/);
  await expect(log.getByRole("row")).toHaveCount(2);
  await expect(maxRow).toHaveCount(1);
  await keyFilter.selectOption({ label: "Company credentials (OAuth token)" });
  await admin.getByRole("button", { name: "Filter" }).click();
  await expect(admin).toHaveURL(/key=oauth_token/);
  await expect(log.getByRole("row")).toHaveCount(2);
  await expect(companyRow).toHaveCount(1);

  // A click anywhere in the row opens the entry.
  await companyRow.getByRole("cell", { name: "GET /api/v1/users", exact: true }).click();
  await expect(admin.getByRole("heading", { level: 1, name: "GET /api/v1/users" })).toBeVisible();
  await expect(admin.getByRole("definition").filter({ hasText: "Company credentials (OAuth token)" })).toBeVisible();
  // From the keyboard, the row's link does the same.
  await admin.goBack();
  await companyRow.getByRole("link", { name: "Details of GET /api/v1/users" }).focus();
  await admin.keyboard.press("Enter");
  await expect(admin.getByRole("heading", { level: 1, name: "GET /api/v1/users" })).toBeVisible();

  for (const page of [max, lea, admin]) await page.context().close();
});

test.describe("in a browser in Tokyo (UTC+9)", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("An Administrator narrows the access log to a custom range, typed in the browser's own time", async ({ page, request }) => {
    const { name, keyId, secret } = await createKey(page);
    expect((await request.get("/api/v1/me", asKey(secret))).status()).toBe(200);

    await page.goto(`/admin/access-logs?key=${keyId}`);
    await page.getByLabel("Time", { exact: true }).selectOption({ label: "Custom range (From, To)" });
    const from = localValue(-10, 9);
    await page.getByLabel("From", { exact: true }).fill(from);
    await page.getByLabel("To", { exact: true }).fill(localValue(10, 9));
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/range=custom/);
    await expect(page).toHaveURL(/from=[^&]+%2B09%3A00/);
    await expect(page.getByLabel("Key", { exact: true })).toHaveValue(keyId);
    const log = page.getByRole("table", { name: "Access log" });
    await expect(async () => {
      await page.reload();
      await expect(log.getByRole("row").filter({ hasText: "GET /api/v1/me" })).toHaveCount(1, { timeout: 1000 });
    }).toPass();
    await expect(page.getByLabel("From", { exact: true })).toHaveValue(from);
    await expect(log).toContainText(name);

    await page.getByLabel("From", { exact: true }).fill(localValue(-120, 9));
    await page.getByLabel("To", { exact: true }).fill(localValue(-60, 9));
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page.getByRole("heading", { name: "No requests" })).toBeVisible();
  });
});
