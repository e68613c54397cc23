import type { APIRequestContext, Page } from "@playwright/test";
import { expect, storageStateFor, test } from "./fixtures";
import { createKey } from "./support/api-keys";
import { nextActionRequest, replayAction } from "./support/replay";

test.use({ storageState: storageStateFor("admin") });

const OK = 5;
const REFUSED = 2;

/** The summary beside a chart, the figures a person reads first. */
const summary = (oks: number, refused: number, span = "the last 24 hours") =>
  `${oks + refused} requests in ${span}: ${oks} 2xx, ${refused} 4xx, 0 5xx`;

/** A new key, called OK times with success and REFUSED times with 403 (users:read is not among its policies). */
async function keyWithRequests(page: Page, request: APIRequestContext) {
  // Creating a key, seven calls, then reloads until the writer's batch is in: more than the default minute on a busy machine.
  test.slow();
  const key = await createKey(page, { policies: ["keys:read"] });
  const headers = { "X-API-Key": key.secret };
  for (let i = 0; i < OK; i++) expect((await request.get("/api/v1/me", { headers })).status()).toBe(200);
  for (let i = 0; i < REFUSED; i++) expect((await request.get("/api/v1/users", { headers })).status()).toBe(403);
  return key;
}

test("An Administrator sees a key's requests by status class on its Usage tab", async ({ page, request }) => {
  const { keyId } = await keyWithRequests(page, request);
  await page.goto(`/admin/api-keys/${keyId}/usage`);
  const panel = page.getByRole("region", { name: "Requests" });
  // The writer stores entries (and their hourly counts) in batches, a moment after the requests.
  await expect(async () => {
    await page.reload();
    await expect(panel.getByText(summary(OK, REFUSED))).toBeVisible({ timeout: 1000 });
  }).toPass();
  await expect(panel.getByRole("button", { name: "24 hours" })).toHaveAttribute("aria-pressed", "true");
  // The drawing is hidden from assistive technology (the summary says it in words), so its bars are found by their
  // colour: the chart's script arrives after the page's, once the chart is near the viewport, and draws both classes.
  await panel.scrollIntoViewIfNeeded();
  await expect(panel.locator('path[fill="var(--success)"]').first()).toBeVisible();
  await expect(panel.locator('path[fill="var(--warning)"]').first()).toBeVisible();
  await expect(panel.locator('path[fill="var(--destructive)"]')).toHaveCount(0);
  await expect(panel.getByRole("list", { name: "Busiest access codes" }).getByRole("listitem")).toContainText(`${OK + REFUSED} requests`);

  // The same figures as a table, hour by hour: the 2xx and 4xx columns add up to the summary.
  await panel.getByText("Show as table").click();
  const table = panel.getByRole("table", { name: "Requests, requests per hour by status class" });
  await expect(table.getByRole("row")).toHaveCount(25);
  const column = async (index: number) =>
    (await table.getByRole("row").evaluateAll((rows, i) => rows.slice(1).map((row) => Number(row.children[i]?.textContent ?? 0)), index)).reduce((a, b) => a + b, 0);
  expect([await column(1), await column(2), await column(3)]).toEqual([OK, REFUSED, 0]);

  await panel.getByRole("button", { name: "30 days" }).click();
  await expect(page).toHaveURL(/usage=30d/);
  await expect(panel.getByRole("button", { name: "30 days" })).toHaveAttribute("aria-pressed", "true");
  await expect(panel.getByText(summary(OK, REFUSED, "the last 30 days"))).toBeVisible();
});

test("An Administrator sees the organisation's requests above the Access Logs, following the key and status filters", async ({ page, request }) => {
  const { name, keyId } = await keyWithRequests(page, request);
  await page.goto("/admin/access-logs");
  const whole = page.getByRole("region", { name: "Requests of the whole organisation" });
  // Other requests of the organisation count too: at least this key's.
  await expect(async () => {
    await page.reload();
    const shown = Number((await whole.getByText(/requests in the last 24 hours/).textContent({ timeout: 1000 }))!.split(" ")[0]!.replaceAll(",", ""));
    expect(shown).toBeGreaterThanOrEqual(OK + REFUSED);
  }).toPass();
  await page.getByLabel("Key", { exact: true }).selectOption({ label: name });
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(page).toHaveURL(new RegExp(`key=${keyId}`));
  const matching = page.getByRole("region", { name: "Requests matching the filters" });
  await expect(async () => {
    await page.reload();
    await expect(matching.getByText(summary(OK, REFUSED))).toBeVisible({ timeout: 1000 });
  }).toPass();
  await page.getByLabel("Status").selectOption("4xx");
  await page.getByRole("button", { name: "Filter" }).click();
  await expect(matching.getByText(summary(0, REFUSED))).toBeVisible();
});

test("An Administrator chooses how long access logs are kept, and a Member's replay of that change is refused", async ({
  page,
  playwright,
  baseURL,
}) => {
  await page.goto("/admin/settings");
  const retention = page.getByLabel("Keep access logs for");
  await expect(retention).toHaveValue("365");
  await expect(retention.getByRole("option")).toHaveText(["30 days", "90 days", "365 days"]);

  const saved = nextActionRequest(page);
  await retention.selectOption({ label: "90 days" });
  const original = await saved;
  await expect(page.getByText("Settings saved").first()).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Keep access logs for")).toHaveValue("90");

  // The Member sends the Administrator's request as it was, then with a value the select does not offer.
  const asMember = await playwright.request.newContext({ storageState: storageStateFor("member"), baseURL });
  const replayed = await replayAction(asMember, original, original.postData()!.replace('"90"', '"30"'));
  expect(await replayed.text()).toContain("You must be an Administrator to change the organisation's settings.");
  await asMember.dispose();
  const asAdmin = await playwright.request.newContext({ storageState: storageStateFor("admin"), baseURL });
  const crafted = await replayAction(asAdmin, original, original.postData()!.replace('"90"', '"7"'));
  expect(await crafted.text()).toContain("Choose 30, 90 or 365 days.");
  await asAdmin.dispose();
  await page.reload();
  await expect(page.getByLabel("Keep access logs for")).toHaveValue("90");

  await page.goto("/admin/audit-log");
  await expect(page.getByRole("row", { name: /changed the API settings of Acme Construction/ }).first()).toBeVisible();

  // Back to the default, so that no other test loses entries to the pruning job.
  await page.goto("/admin/settings");
  await page.getByLabel("Keep access logs for").selectOption({ label: "365 days" });
  await expect(page.getByText("Settings saved").first()).toBeVisible();
  await page.reload();
  await expect(page.getByLabel("Keep access logs for")).toHaveValue("365");
});
