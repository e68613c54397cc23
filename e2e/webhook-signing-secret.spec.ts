import { Webhook } from "standardwebhooks";
import { expect, PEOPLE, storageStateFor, test } from "./fixtures";
import { nextActionRequest, replayAction } from "./support/replay";
import { openRowActions } from "./support/row-actions";
import { addWebhookInConsole, keepSigningSecret, uniqueHookUrl } from "./support/webhooks";
import { startReceiver } from "./webhook-receiver";

// Max Member's webhooks: other specs add some too, but none counts them.
test.use({ storageState: storageStateFor("member") });

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

test("A Member rolls a webhook's signing secret, sees the new one once, and an Administrator replaying the roll is refused", async ({
  page,
  playwright,
  baseURL,
  pageAs,
}) => {
  const url = uniqueHookUrl("max-roll");
  const old = await addWebhookInConsole(page, url);

  const menu = await openRowActions(page, page, url);
  await menu.getByRole("menuitem", { name: "Roll signing secret" }).click();
  const confirm = page.getByRole("dialog", { name: `Roll the signing secret of ${url}?` });
  await expect(confirm).toContainText("it rejects deliveries until it verifies with the new one");
  await expect(confirm.getByRole("group", { name: "The current secret keeps signing for" }).getByRole("radio", { name: /24 hours/ })).toBeChecked();
  const sent = nextActionRequest(page);
  await confirm.getByRole("button", { name: "Roll signing secret" }).click();
  const roll = await sent;
  const secret = await keepSigningSecret(page);
  expect(secret).not.toBe(old);
  // Shown once: the page holds it no more.
  await page.reload();
  await expect(page.getByRole("table", { name: "Webhooks" })).toContainText(url);
  expect(await page.content()).not.toContain(secret);

  // Another person of the organisation, even an Administrator, sending the same action is refused: only the owner rolls.
  const asAdmin = await playwright.request.newContext({ storageState: storageStateFor("admin"), baseURL });
  const replayed = await replayAction(asAdmin, roll);
  expect(replayed.headers()["x-nextjs-action-not-found"]).toBeUndefined();
  const answer = await replayed.text();
  expect(answer).toContain("That webhook was not found.");
  expect(answer).not.toContain("whsec_");
  await asAdmin.dispose();

  const admin = await pageAs("admin");
  await admin.goto("/admin/audit-log");
  const rolls = admin.getByRole("row", { name: new RegExp(`${PEOPLE.member.name} rolled the signing secret of the webhook ${escape(url)}`) });
  await expect(rolls).toHaveCount(1);
});

test("An Administrator managing a Member's webhooks in API Management is not offered Roll signing secret", async ({ page, pageAs }) => {
  const url = uniqueHookUrl("max-admin-view");
  await addWebhookInConsole(page, url);
  const admin = await pageAs("admin");
  await admin.goto(`/admin/api-management?q=${encodeURIComponent(PEOPLE.member.email)}&access=all`);
  await admin.getByRole("link", { name: PEOPLE.member.name }).click();
  const menu = await openRowActions(admin, admin, url);
  await expect(menu.getByRole("menuitem", { name: `Delivery log of ${url}` })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: "Roll signing secret" })).toHaveCount(0);
});

test("A Member rolls with a grace: test events carry both signatures until the Member stops the previous secret", async ({ page }) => {
  const receiver = await startReceiver();
  try {
    const old = await addWebhookInConsole(page, receiver.url);
    const menu = await openRowActions(page, page, receiver.url);
    await menu.getByRole("menuitem", { name: "Roll signing secret" }).click();
    const confirm = page.getByRole("dialog", { name: `Roll the signing secret of ${receiver.url}?` });
    await confirm.getByRole("radio", { name: /1 hour/ }).check();
    await confirm.getByRole("button", { name: "Roll signing secret" }).click();
    await expect(page.getByRole("dialog", { name: "Webhook signing secret" })).toContainText("The previous secret keeps signing beside it until");
    const secret = await keepSigningSecret(page);
    const row = page.getByRole("row").filter({ hasText: receiver.url });
    await expect(row).toContainText("The previous signing secret also signs until");

    const testEvents = () => receiver.received.filter((delivery) => delivery.json.type === "Webhook.Test");
    async function sendTestEvent(count: number) {
      await (await openRowActions(page, page, receiver.url)).getByRole("menuitem", { name: `Delivery log of ${receiver.url}` }).click();
      await page.getByRole("button", { name: "Send test event" }).click();
      await expect.poll(() => testEvents().length, { timeout: 20_000 }).toBe(count);
      await page.goto("/profile/api-access");
      return testEvents()[count - 1]!;
    }
    const during = await sendTestEvent(1);
    expect(during.headers["webhook-signature"]!.split(" ")).toHaveLength(2);
    expect(() => new Webhook(secret).verify(during.body, during.headers)).not.toThrow();
    expect(() => new Webhook(old).verify(during.body, during.headers)).not.toThrow();

    await (await openRowActions(page, page, receiver.url)).getByRole("menuitem", { name: "Stop previous signing secret" }).click();
    const stop = page.getByRole("alertdialog", { name: `Stop the previous signing secret of ${receiver.url}?` });
    await stop.getByRole("button", { name: "Stop previous signing secret" }).click();
    await expect(page.getByText("Previous signing secret stopped")).toBeVisible();
    await expect(row).not.toContainText("The previous signing secret also signs until");
    await expect((await openRowActions(page, page, receiver.url)).getByRole("menuitem", { name: "Stop previous signing secret" })).toHaveCount(0);
    await page.keyboard.press("Escape");

    const after = await sendTestEvent(2);
    expect(after.headers["webhook-signature"]!.split(" ")).toHaveLength(1);
    expect(() => new Webhook(secret).verify(after.body, after.headers)).not.toThrow();
    expect(() => new Webhook(old).verify(after.body, after.headers)).toThrow();
  } finally {
    await receiver.close();
  }
});
