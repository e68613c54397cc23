import type { APIRequestContext, Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import { expect, PEOPLE, storageStateFor, test } from "./fixtures";
import { asKey, enablePersonalKey } from "./personal-key";
import { nextActionRequest, replayAction } from "./support/replay";
import { startReceiver, type Receiver } from "./webhook-receiver";
import { openRowActions } from "./support/row-actions";

// Ada Admin's personal key and webhooks live here; her events come from role changes she makes in the console.
test.describe.configure({ mode: "serial" });
test.use({ storageState: storageStateFor("admin") });

let key = "";
const receivers: Receiver[] = [];
const receiver = async (status?: Parameters<typeof startReceiver>[0]) => {
  const created = await startReceiver(status);
  receivers.push(created);
  return created;
};

test.afterAll(async () => {
  await Promise.all(receivers.map((r) => r.close()));
});

/** An Administrator saves Max Member's roles as they are: the console writes person.roles_updated (User Update). */
async function touchMaxMember(page: Page) {
  await page.goto("/admin/people");
  await page.getByRole("button", { name: `Edit roles for ${PEOPLE.member.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Edit roles for ${PEOPLE.member.name}` });
  await dialog.getByRole("button", { name: "Save roles" }).click();
  await expect(dialog).toBeHidden();
}

const aboutMax = (r: Receiver) => r.received.filter((d) => d.json.type === "User.Update" && d.json.data.label === PEOPLE.member.name);

test("A webhook created through the API receives a signed event when an Administrator changes roles in the console", async ({
  page,
  request,
}) => {
  key = await enablePersonalKey(page);
  const hooks = await receiver();
  const created = await request.post("/api/v1/webhooks", {
    ...asKey(key),
    data: { url: hooks.url, entity: "User", operationType: "Update" },
  });
  expect(created.status()).toBe(201);
  const webhook = await created.json();
  expect(webhook).toMatchObject({ url: hooks.url, entity: "User", operationType: "Update", status: "On" });
  expect(webhook.secret).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);

  await touchMaxMember(page);

  await expect.poll(() => aboutMax(hooks).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const delivery = aboutMax(hooks)[0]!;
  const verified = new Webhook(webhook.secret).verify(delivery.body, delivery.headers) as { type: string };
  expect(verified.type).toBe("User.Update");
  expect(delivery.json.data.action).toBe("person.roles_updated");
  expect(delivery.headers["webhook-signature"]).toMatch(/^v1,/);

  await page.goto("/profile/api-access");
  const row = page.getByRole("row").filter({ hasText: hooks.url });
  await expect(row).toContainText("User");
  await expect(row).toContainText("Delivered (204)");
});

test("A webhook switched Off receives nothing, while one that is On does", async ({ page, request }) => {
  const off = await receiver();
  const on = await receiver();
  const offHook = await (await request.post("/api/v1/webhooks", { ...asKey(key), data: { url: off.url, entity: "User", operationType: "Update" } })).json();
  const onHook = await request.post("/api/v1/webhooks", { ...asKey(key), data: { url: on.url, entity: "User", operationType: "Update" } });
  expect(onHook.status()).toBe(201);
  const switched = await request.patch(`/api/v1/webhooks/${offHook.id}`, { ...asKey(key), data: { status: "Off" } });
  expect(switched.status()).toBe(200);
  expect((await switched.json()).status).toBe("Off");

  await touchMaxMember(page);

  // The On webhook hears of the change: by then the Off one would have too, if Off sent anything.
  await expect.poll(() => aboutMax(on).length, { timeout: 20_000 }).toBeGreaterThan(0);
  expect(off.received).toHaveLength(0);
  await page.goto("/profile/api-access");
  const row = page.getByRole("row").filter({ hasText: off.url });
  await expect(row.getByRole("switch", { name: "Status" })).not.toBeChecked();
  // Nothing was even queued for it.
  await expect(row).toContainText("None yet");
});

test("A failing receiver gets retries that the delivery log shows, and Resend delivers it", async ({ page }) => {
  let healthy = false;
  const flaky = await receiver(() => (healthy ? 200 : 500));

  // This webhook is added in the console, which shows its signing secret once.
  await page.goto("/profile/api-access");
  await page.getByRole("button", { name: "Add webhook" }).click();
  const form = page.getByRole("dialog", { name: "Add webhook" });
  await form.getByLabel("URL").fill(flaky.url);
  await form.getByLabel("Entity").selectOption("User");
  await form.getByLabel("Operation Type").selectOption("Update");
  await form.getByRole("button", { name: "Add webhook" }).click();
  const reveal = page.getByRole("dialog", { name: "Webhook signing secret" });
  const secret = await reveal.getByRole("textbox", { name: "Signing secret" }).inputValue();
  expect(secret).toMatch(/^whsec_/);
  await reveal.getByRole("button", { name: "Copy signing secret" }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();

  await touchMaxMember(page);
  await expect.poll(() => aboutMax(flaky).length, { timeout: 20_000 }).toBeGreaterThan(0);
  const eventId = aboutMax(flaky)[0]!.headers["webhook-id"]!;

  await page.goto("/profile/api-access");
  await (await openRowActions(page, page, flaky.url)).getByRole("menuitem", { name: `Delivery log of ${flaky.url}` }).click();
  await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
  // The resend is a delivery of its own that names this one, so this one is the region that is no resend.
  const delivery = page.getByRole("region").filter({ hasText: eventId }).filter({ hasNotText: "Resend of" });
  // Retry schedule 1 s, 2 s, 4 s in tests: four attempts, then the delivery is Failed.
  await expect(delivery.getByText("Failed", { exact: true })).toBeVisible({ timeout: 30_000 });
  const attempts = delivery.getByRole("table").getByRole("row").filter({ hasText: "500" });
  await expect(attempts).toHaveCount(4);
  expect(flaky.received.filter((d) => d.headers["webhook-id"] === eventId)).toHaveLength(4);

  healthy = true;
  await delivery.getByRole("button", { name: "Resend" }).click();
  await expect(page.getByText("Delivery queued again")).toBeVisible();
  const resend = page.getByRole("region").filter({ hasText: `Resend of ${eventId}` });
  await expect(resend.getByText("Delivered", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(resend.getByRole("table").getByRole("row").filter({ hasText: "200" })).toHaveCount(1);
  // The failed delivery keeps its record, and is not offered again.
  await expect(delivery.getByText("Failed", { exact: true })).toBeVisible();
  await expect(attempts).toHaveCount(4);
  await expect(delivery).toContainText("Resent as");
  await expect(delivery.getByRole("button", { name: "Resend" })).toHaveCount(0);
  const last = flaky.received.at(-1)!;
  expect(last.body).toBe(aboutMax(flaky)[0]!.body);
  expect(new Webhook(secret).verify(last.body, last.headers)).toMatchObject({ type: "User.Update" });
});

/** Adds a User Update webhook to `hooks` through the API and makes an event it receives; returns the event id. */
async function failingDelivery(page: Page, request: APIRequestContext, hooks: Receiver) {
  const created = await request.post("/api/v1/webhooks", { ...asKey(key), data: { url: hooks.url, entity: "User", operationType: "Update" } });
  expect(created.status()).toBe(201);
  await touchMaxMember(page);
  await expect.poll(() => aboutMax(hooks).length, { timeout: 20_000 }).toBeGreaterThan(0);
  return { webhook: await created.json(), eventId: aboutMax(hooks)[0]!.headers["webhook-id"]! };
}

test("The webhook table and the delivery log name a delivery's state with the same words: Retrying while it retries, then Failed", async ({
  page,
  request,
}) => {
  // Retries are held in flight until the page has shown Retrying: on a busy machine all four attempts (1, 2 and 4 s
  // apart) could otherwise be over before the page opens.
  let retryingShown!: () => void;
  const shown = new Promise<void>((resolve) => (retryingShown = resolve));
  const failing: Receiver = await receiver(async (delivery) => {
    const id = delivery.headers["webhook-id"];
    if (failing.received.filter((earlier) => earlier.headers["webhook-id"] === id).length > 1) await shown;
    return 500;
  });
  const { eventId } = await failingDelivery(page, request, failing);
  await page.goto("/profile/api-access");
  await (await openRowActions(page, page, failing.url)).getByRole("menuitem", { name: `Delivery log of ${failing.url}` }).click();
  const delivery = page.getByRole("region").filter({ hasText: eventId });
  await expect(delivery.getByText("Retrying", { exact: true })).toBeVisible();
  retryingShown();
  await expect(delivery.getByText("Failed", { exact: true })).toBeVisible({ timeout: 30_000 });

  await page.goto("/profile/api-access");
  await expect(page.getByRole("row").filter({ hasText: failing.url })).toContainText("Failed (500)");
  const listed = await (await request.get("/api/v1/webhooks", asKey(key))).json();
  const mine = listed.data.find((w: { url: string }) => w.url === failing.url);
  expect(mine.lastDelivery).toMatchObject({ status: "failed", statusCode: 500 });
});

test("A failed delivery of a webhook switched Off offers Switch On and resend instead of Resend, and keeps its Failed record", async ({
  page,
  request,
}) => {
  let healthy = false;
  const flaky = await receiver(() => (healthy ? 200 : 500));
  const { eventId } = await failingDelivery(page, request, flaky);
  await page.goto("/profile/api-access");
  await (await openRowActions(page, page, flaky.url)).getByRole("menuitem", { name: `Delivery log of ${flaky.url}` }).click();
  const delivery = page.getByRole("region").filter({ hasText: eventId }).filter({ hasNotText: "Resend of" });
  await expect(delivery.getByText("Failed", { exact: true })).toBeVisible({ timeout: 30_000 });

  await page.goto("/profile/api-access");
  const row = page.getByRole("row").filter({ hasText: flaky.url });
  await row.getByRole("switch", { name: "Status" }).click();
  await expect(page.getByText("Webhook switched Off")).toBeVisible();
  await (await openRowActions(page, page, flaky.url)).getByRole("menuitem", { name: `Delivery log of ${flaky.url}` }).click();
  await expect(delivery.getByText("Failed", { exact: true })).toBeVisible();
  await expect(delivery.getByRole("button", { name: "Resend", exact: true })).toHaveCount(0);
  const switchOn = delivery.getByRole("button", { name: "Switch On and resend" });
  await expect(switchOn).toHaveAccessibleDescription("This webhook is Off, so a resend would not be sent. Switch it On to resend.");

  healthy = true;
  await switchOn.click();
  await expect(page.getByText("Webhook switched On and delivery queued again")).toBeVisible();
  const resend = page.getByRole("region").filter({ hasText: `Resend of ${eventId}` });
  await expect(resend.getByText("Delivered", { exact: true })).toBeVisible({ timeout: 20_000 });
  await expect(delivery.getByText("Failed", { exact: true })).toBeVisible();
  await expect(delivery).toContainText("Resent as");

  await page.goto("/profile/api-access");
  await expect(row.getByRole("switch", { name: "Status" })).toBeChecked();
  await page.goto("/admin/audit-log");
  await expect(page.getByRole("row", { name: new RegExp(`resent a delivery of the webhook ${escapeRegExp(flaky.url)}`) }).first()).toBeVisible();
});

test("Send test event queues a signed test delivery that the delivery log shows and the Audit Log records; a Member replaying it is refused", async ({
  page,
  request,
  playwright,
  baseURL,
}) => {
  const hooks = await receiver();
  const created = await request.post("/api/v1/webhooks", { ...asKey(key), data: { url: hooks.url, entity: "ApiKey", operationType: "Delete" } });
  expect(created.status()).toBe(201);
  const webhook = await created.json();
  await page.goto("/profile/api-access");
  await (await openRowActions(page, page, hooks.url)).getByRole("menuitem", { name: `Delivery log of ${hooks.url}` }).click();
  await expect(page.getByText("No deliveries yet")).toBeVisible();

  const sent = nextActionRequest(page);
  await page.getByRole("button", { name: "Send test event" }).click();
  const sendRequest = await sent;
  const test = page.getByRole("region", { name: "Webhook.Test delivery" });
  await expect(test.getByText("Delivered", { exact: true })).toBeVisible({ timeout: 20_000 });
  expect(hooks.received).toHaveLength(1);
  const verified = new Webhook(webhook.secret).verify(hooks.received[0]!.body, hooks.received[0]!.headers);
  expect(verified).toMatchObject({ type: "Webhook.Test", data: { test: true, subscription: { entity: "ApiKey", operationType: "Delete" } } });
  await expect(test).toContainText(hooks.received[0]!.headers["webhook-id"]!);

  const asMember = await playwright.request.newContext({ storageState: storageStateFor("member"), baseURL });
  const replayed = await replayAction(asMember, sendRequest);
  expect(await replayed.text()).toContain("That webhook was not found.");
  await asMember.dispose();
  await page.reload();
  await expect(page.getByRole("region", { name: "Webhook.Test delivery" })).toHaveCount(1);
  expect(hooks.received).toHaveLength(1);

  // An Off webhook sends nothing, so the button is greyed with the reason.
  expect((await request.patch(`/api/v1/webhooks/${webhook.id}`, { ...asKey(key), data: { status: "Off" } })).status()).toBe(200);
  await page.reload();
  const button = page.getByRole("button", { name: "Send test event" });
  await expect(button).toBeDisabled();
  await expect(button).toHaveAccessibleDescription("This webhook is Off, so a test event would not be sent. Switch it On first.");

  await page.goto("/admin/audit-log");
  await expect(page.getByRole("row", { name: new RegExp(`sent a test event to the webhook ${escapeRegExp(hooks.url)}`) })).toBeVisible();
});

test("An Administrator sends a test event to a person's webhook from API Management, and its delivery log there shows it", async ({
  page,
  request,
}) => {
  const hooks = await receiver();
  const created = await request.post("/api/v1/webhooks", { ...asKey(key), data: { url: hooks.url, entity: "Webhook", operationType: "Update" } });
  expect(created.status()).toBe(201);
  await page.goto(`/admin/api-management?q=${encodeURIComponent(PEOPLE.admin.email)}`);
  await page.getByRole("link", { name: PEOPLE.admin.name }).click();
  await (await openRowActions(page, page.getByRole("region", { name: "Webhooks" }), hooks.url))
    .getByRole("menuitem", { name: `Delivery log of ${hooks.url}` })
    .click();
  await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
  await page.getByRole("button", { name: "Send test event" }).click();
  await expect(page.getByRole("region", { name: "Webhook.Test delivery" }).getByText("Delivered", { exact: true })).toBeVisible({
    timeout: 20_000,
  });
  // Other people's webhook changes in the organisation (Webhook Update) may arrive too; the test event comes once.
  expect(hooks.received.filter((d) => d.json.type === "Webhook.Test")).toHaveLength(1);
});

const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
