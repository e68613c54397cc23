import { expect, PEOPLE, storageStateFor, test } from "./fixtures";
import { nextActionRequest, replayAction } from "./support/replay";
import { openRowActions } from "./support/row-actions";
import { addWebhookInConsole, keepSigningSecret, uniqueHookUrl } from "./support/webhooks";

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
  await expect(confirm).toContainText("the receiver rejects them until it verifies with the new one");
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
