import type { APIRequestContext, Request } from "@playwright/test";
import { expect, PEOPLE, storageStateFor, test } from "./fixtures";
import { asKey, enablePersonalKey, keepRevealedKey } from "./personal-key";
import { openRowActions } from "./support/row-actions";

// Lea Lead's personal key and webhook are managed here by Ada Admin; no other spec touches Lea's key.
test.describe.configure({ mode: "serial" });
test.use({ storageState: storageStateFor("admin") });

const lea = PEOPLE.lead;
let leaKey = "";
let leaPage = "";
let clearRequest: Request | undefined;
const hookUrl = "https://127.0.0.1:9/lea/webhooks";

// Crelate article: API Management lists "users who have turned on API Access"; the filter reaches everyone else's webhooks.
test("An Administrator reaches the webhooks of a person who never turned on API access, under the API access filter (Crelate article)", async ({
  page,
  pageAs,
}) => {
  const earlyHook = "https://127.0.0.1:9/lea/before-any-key";
  const asLea = await pageAs("lead");
  await asLea.goto("/profile/api-access");
  await expect(asLea.getByRole("button", { name: "Enable API access" })).toBeVisible();
  await asLea.getByRole("button", { name: "Add webhook" }).click();
  const form = asLea.getByRole("dialog", { name: "Add webhook" });
  await form.getByLabel("URL").fill(earlyHook);
  await form.getByLabel("Entity").selectOption("CompanyCredentials");
  await form.getByLabel("Operation Type").selectOption("Delete");
  await form.getByRole("button", { name: "Add webhook" }).click();
  const reveal = asLea.getByRole("dialog", { name: "Webhook signing secret" });
  await reveal.getByRole("button", { name: "Copy signing secret" }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();

  await page.goto("/admin/api-management?q=lead%40acme");
  const access = page.getByRole("combobox", { name: "API access" });
  await expect(access).toHaveValue("active");
  await expect(page.getByRole("heading", { name: "No one matches" })).toBeVisible();

  await access.selectOption({ label: "Everyone with a key or webhooks" });
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/access=all/);
  const row = page.getByRole("table").getByRole("row").filter({ hasText: lea.email });
  await expect(row).toContainText("Never enabled");
  await row.getByRole("link", { name: "1 webhook", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1, name: lea.name })).toBeVisible();
  const webhooks = page.getByRole("region", { name: "Webhooks" });
  await (await openRowActions(page, webhooks, earlyHook)).getByRole("menuitem", { name: `Delete webhook ${earlyHook}` }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete this webhook?" });
  await confirm.getByRole("button", { name: "Delete webhook" }).click();
  await expect(confirm).toBeHidden();
  await expect(webhooks.getByRole("heading", { name: "No webhooks" })).toBeVisible();
  await page.goto("/admin/audit-log");
  await expect(page.getByRole("row", { name: new RegExp(`Ada Admin deleted the webhook ${earlyHook}`) })).toBeVisible();
});

test("An Administrator finds a person with API access in API Management, with their webhook count", async ({ page, pageAs, request }) => {
  const asLea = await pageAs("lead");
  leaKey = await enablePersonalKey(asLea);
  const created = await request.post("/api/v1/webhooks", { ...asKey(leaKey), data: { url: hookUrl, entity: "User", operationType: "Update" } });
  expect(created.status()).toBe(201);

  await page.goto("/admin/api-management");
  await expect(page.getByRole("heading", { level: 1, name: "API Management" })).toBeVisible();
  await page.getByRole("searchbox", { name: "Search by name or email" }).fill("lead@acme");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/q=lead%40acme/);
  const rows = page.getByRole("table").getByRole("row");
  await expect(rows).toHaveCount(2);
  const row = rows.filter({ hasText: lea.email });
  await expect(row).toContainText(lea.name);
  await expect(row).toContainText(`${leaKey.slice(0, 13)}…`);
  await expect(row.getByRole("cell").nth(5)).toHaveText("1");
  await expect(row.getByRole("link", { name: "1 webhook", exact: true })).toBeVisible();
  await expect(row).toContainText("Enabled");

  await page.getByRole("columnheader", { name: "Webhooks" }).getByRole("link").click();
  await expect(page.getByRole("columnheader", { name: "Webhooks" })).toHaveAttribute("aria-sort", "ascending");
  await expect(page).toHaveURL(/sort=webhooks/);

  await page.getByRole("searchbox", { name: "Search by name or email" }).fill("nobody-is-called-this");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page.getByRole("heading", { name: "No one matches" })).toBeVisible();
});

test("An Administrator switches a person's webhook Off and On, and deletes it", async ({ page, request }) => {
  await page.goto("/admin/api-management?q=lead%40acme");
  await page.getByRole("link", { name: lea.name }).click();
  await expect(page.getByRole("heading", { level: 1, name: lea.name })).toBeVisible();
  leaPage = page.url();
  const webhooks = page.getByRole("region", { name: "Webhooks" });
  const row = webhooks.getByRole("row").filter({ hasText: hookUrl });
  await expect(row).toContainText("User");
  await expect(row).toContainText("Update");
  const status = row.getByRole("switch", { name: "Status" });
  await expect(status).toBeChecked();

  await status.click();
  await expect(row).toContainText("Off");
  await page.reload();
  await expect(status).not.toBeChecked();
  const listed = await (await request.get("/api/v1/webhooks", asKey(leaKey))).json();
  expect(listed.data).toEqual([expect.objectContaining({ url: hookUrl, status: "Off" })]);
  expect(JSON.stringify(listed)).not.toContain("whsec_");

  await status.click();
  await expect(status).toBeChecked();
  await expect(row).toContainText("On");

  await (await openRowActions(page, row, hookUrl)).getByRole("menuitem", { name: `Delete webhook ${hookUrl}` }).click();
  const confirm = page.getByRole("alertdialog", { name: "Delete this webhook?" });
  await expect(confirm).toContainText(hookUrl);
  await confirm.getByRole("button", { name: "Delete webhook" }).click();
  await expect(confirm).toBeHidden();
  await expect(webhooks.getByRole("heading", { name: "No webhooks" })).toBeVisible();

  await page.goto("/admin/audit-log");
  await expect(page.getByRole("row", { name: new RegExp(`Ada Admin changed the webhook ${hookUrl}`) }).first()).toBeVisible();
  await expect(page.getByRole("row", { name: new RegExp(`Ada Admin deleted the webhook ${hookUrl}`) })).toBeVisible();
});

test("An Administrator clears a person's API key: it fails at once and the person's tab says who cleared it", async ({
  page,
  pageAs,
  request,
}) => {
  await page.goto(leaPage);
  await page.getByRole("button", { name: "Clear API Key" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Clear the API key of ${lea.name}?` });
  await expect(confirm).toContainText("regenerate");
  const sent = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
  await confirm.getByRole("button", { name: "Clear API Key" }).click();
  clearRequest = await sent;
  await expect(confirm).toBeHidden();
  await expect(page.getByText("Cleared", { exact: true })).toBeVisible();
  await expect(page.getByRole("definition").filter({ hasText: PEOPLE.admin.name })).toBeVisible();

  expect((await request.get("/api/v1/me", asKey(leaKey))).status()).toBe(401);

  // No longer among the people with API access; the filter shows them as Cleared.
  await page.goto("/admin/api-management?q=lead%40acme");
  await expect(page.getByRole("heading", { name: "No one matches" })).toBeVisible();
  await page.getByRole("combobox", { name: "API access" }).selectOption("inactive");
  await page.getByRole("button", { name: "Search" }).click();
  await expect(page).toHaveURL(/access=inactive/);
  await expect(page.getByRole("table").getByRole("row").filter({ hasText: lea.email })).toContainText("Cleared");

  const asLea = await pageAs("lead");
  await asLea.goto("/profile/api-access");
  await expect(asLea.getByText(`An administrator, ${PEOPLE.admin.name}, cleared your API key`)).toBeVisible();
  await expect(asLea.getByText("Regenerate a new key to get API access back")).toBeVisible();
  await expect(asLea.getByRole("button", { name: "Enable API access" })).toHaveCount(0);
  await asLea.getByRole("button", { name: "Regenerate New Key" }).click();
  leaKey = await keepRevealedKey(asLea);
  expect((await request.get("/api/v1/me", asKey(leaKey))).status()).toBe(200);

  await page.goto("/admin/audit-log");
  await expect(page.getByRole("row", { name: new RegExp(`Ada Admin cleared the personal API key of ${lea.name}`) })).toBeVisible();
});

test.describe("as a Member", () => {
  test.use({ storageState: storageStateFor("member") });

  test("A Member cannot open API Management or a person's page in it", async ({ page }) => {
    for (const path of ["/admin/api-management", new URL(leaPage).pathname]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(403);
      await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
      await expect(page.getByRole("heading", { name: "API Management" })).toHaveCount(0);
      await expect(page.getByRole("table")).toHaveCount(0);
    }
  });

  test("A Member who replays the Administrator's Clear API Key request is refused and the key keeps working", async ({
    playwright,
    baseURL,
    request,
  }) => {
    expect(clearRequest, "the clear request was captured by the previous test").toBeDefined();
    const asMember = await playwright.request.newContext({ storageState: storageStateFor("member"), baseURL });
    const replayed = await replay(asMember, clearRequest!);
    expect(replayed.headers()["x-nextjs-action-not-found"]).toBeUndefined();
    expect(await replayed.text()).toContain("You must be an Administrator to clear people");
    await asMember.dispose();
    expect((await request.get("/api/v1/me", asKey(leaKey))).status()).toBe(200);
  });
});

/** Sends a captured server-action POST again from another person's session. */
async function replay(context: APIRequestContext, original: Request) {
  const headers = original.headers();
  const forwarded: Record<string, string> = { accept: "text/x-component" };
  for (const name of ["next-action", "content-type", "next-router-state-tree", "origin"]) {
    if (headers[name]) forwarded[name] = headers[name];
  }
  return context.post(original.url(), { headers: forwarded, data: original.postData() ?? "" });
}
