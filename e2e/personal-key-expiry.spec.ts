import type { Page } from "@playwright/test";
import { expect, PEOPLE, storageStateFor, test } from "./fixtures";
import { asKey, keepRevealedKey } from "./personal-key";
import { createKey } from "./support/api-keys";
import { signedInDirect } from "./support/direct-server";
import { nextActionRequest, replayAction } from "./support/replay";
import { openRowActions } from "./support/row-actions";

const DAY = 24 * 60 * 60 * 1000;

/** The instant a `<time>` element inside `scope` names. */
async function timeIn(page: Page, text: string) {
  const notice = page.getByRole("status").filter({ hasText: text });
  await expect(notice).toBeVisible();
  return new Date((await notice.locator("time").getAttribute("datetime"))!);
}

async function chooseMaxLifetime(page: Page, label: string) {
  await page.goto("/admin/settings");
  const select = page.getByRole("combobox", { name: "Maximum personal key lifetime" });
  await select.selectOption({ label });
  await expect(page.getByText("Settings saved").first()).toBeVisible();
  await expect(select).toHaveValue(label === "No limit" ? "none" : label.split(" ")[0]!);
}

// The lifetime limit is organisation-wide and Ada's own key is used by no other spec there, so these run on the second
// server (its own database), one after the other, and leave the limit at No limit.
test.describe("Personal key expiry", () => {
  test.describe.configure({ mode: "serial" });

  test("A person enables a personal key for 30 days, sees when it expires, and the API accepts it until then", async ({
    browser,
  }) => {
    // Signs in through the form on the second server first.
    test.slow();
    const page = await signedInDirect(browser, PEOPLE.admin);
    await page.goto("/profile/api-access");
    const lifetime = page.getByRole("group", { name: "The key expires after" });
    // No limit in the organisation: the longest, No expiry, is the default.
    await expect(lifetime.getByRole("radio", { name: "No expiry" })).toBeChecked();
    await lifetime.getByRole("radio", { name: "30 days" }).check();
    await page.getByRole("button", { name: "Enable API access" }).click();
    const key = await keepRevealedKey(page);

    const expires = await timeIn(page, "Your personal API key expires on");
    expect(Math.abs(expires.getTime() - (Date.now() + 30 * DAY))).toBeLessThan(60 * 60 * 1000);
    expect((await page.request.get("/api/v1/me", asKey(key))).status()).toBe(200);
    await page.context().close();
  });

  test("An Administrator sets Maximum personal key lifetime to 90 days: only 30 and 90 days are offered, a crafted longer one is refused, and a Member cannot change the setting", async ({
    browser,
  }) => {
    // Two people sign in on the second server, then several round trips: a slow test on shared cores.
    test.slow();
    const page = await signedInDirect(browser, PEOPLE.admin);
    const member = await signedInDirect(browser, PEOPLE.member);
    try {
      await chooseMaxLifetime(page, "90 days");

      await page.goto("/profile/api-access");
      await page.getByRole("button", { name: "Regenerate New Key" }).click();
      const confirm = page.getByRole("alertdialog", { name: "Regenerate your API key?" });
      const lifetime = confirm.getByRole("group", { name: "The key expires after" });
      await expect(lifetime.getByRole("radio")).toHaveCount(2);
      await expect(lifetime.getByRole("radio", { name: "90 days" })).toBeChecked();
      await expect(lifetime.getByRole("radio", { name: "30 days" })).toBeVisible();
      await expect(lifetime).toContainText("at most 90 days");

      // The same request asking for No expiry is refused with the field's reason, and the key stays.
      const sent = nextActionRequest(page);
      await confirm.getByRole("button", { name: "Regenerate New Key" }).click();
      const regenerate = await sent;
      await keepRevealedKey(page);
      const before = await timeIn(page, "Your personal API key expires on");
      expect(Math.abs(before.getTime() - (Date.now() + 90 * DAY))).toBeLessThan(60 * 60 * 1000);
      const crafted = await replayAction(page.request, regenerate, regenerate.postData()!.replace('"90"', '"none"'));
      expect(await crafted.text()).toContain("at most 90 days");
      await page.reload();
      expect((await timeIn(page, "Your personal API key expires on")).getTime()).toBe(before.getTime());

      // A Member replays the Administrator's setting change: refused, and the setting stays.
      await page.goto("/admin/settings");
      const changed = nextActionRequest(page);
      await page.getByRole("combobox", { name: "Maximum personal key lifetime" }).selectOption({ label: "365 days" });
      const settingRequest = await changed;
      await expect(page.getByText("Settings saved").first()).toBeVisible();
      const refused = await replayAction(member.request, settingRequest, settingRequest.postData()!.replace('"365"', '"30"'));
      expect(await refused.text()).toContain("You must be an Administrator to change the organisation's settings.");
      await page.reload();
      await expect(page.getByRole("combobox", { name: "Maximum personal key lifetime" })).toHaveValue("365");

      await page.goto("/admin/audit-log");
      await expect(page.getByRole("row", { name: /Ada Admin changed the API settings of Acme Construction/ }).first()).toBeVisible();
    } finally {
      await chooseMaxLifetime(page, "No limit");
      await page.context().close();
      await member.context().close();
    }
  });
});

test.describe("Access code expiry", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("An Administrator sees a code that expires within 14 days on API Keys, and creates the next access code from its notice", async ({
    page,
  }) => {
    // A key, two codes, a deletion and a third code: many round trips.
    test.slow();
    const { name, secret } = await createKey(page);
    await page.getByRole("tab", { name: "Access Codes" }).click();
    await page.getByRole("button", { name: "Create access code" }).click();
    const dialog = page.getByRole("dialog", { name: "Create access code" });
    await dialog.getByLabel("Description").fill("Warehouse sync");
    await dialog.getByLabel("Valid for (days)").fill("5");
    await dialog.getByRole("button", { name: "Save access code" }).click();
    const reveal = page.getByRole("dialog", { name: /^Access code for / });
    const short = await reveal.getByRole("textbox", { name: "Access code" }).inputValue();
    await reveal.getByRole("button", { name: "Copy access code" }).click();
    await reveal.getByRole("button", { name: "Done" }).click();

    // With two codes the key is full: the notice's button is greyed with the reason.
    const notice = page.getByRole("list", { name: "Expiry notices" }).getByRole("listitem").filter({ hasText: short.slice(0, 13) });
    await expect(notice).toContainText("(Warehouse sync) expires on");
    const next = notice.getByRole("button", { name: "Create the next access code" });
    await expect(next).toBeDisabled();
    await expect(next).toHaveAccessibleDescription(/This key has 2 access codes, the most it can have/);

    await page.goto("/admin/api-keys");
    const banner = page.getByRole("region", { name: /access codes? expires? within 14 days/ });
    await expect(banner.getByRole("link", { name: new RegExp(`${name}: ${short.slice(0, 13)} \\(Warehouse sync\\)`) })).toBeVisible();
    await banner.getByRole("link", { name: new RegExp(`${name}: ${short.slice(0, 13)}`) }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

    // Room for one more once the year-long code is gone.
    const table = page.getByRole("table", { name: "Access codes" });
    const first = table.getByRole("row").filter({ hasText: secret.slice(0, 13) });
    await first.getByRole("switch", { name: "Enabled" }).click();
    await expect(first.getByRole("switch", { name: "Enabled" })).not.toBeChecked();
    await (await openRowActions(page, first, `access code ${secret.slice(0, 13)}`)).getByRole("menuitem", { name: "Delete access code" }).click();
    await page.getByRole("dialog", { name: `Delete access code ${secret.slice(0, 13)}?` }).getByRole("button", { name: "Delete access code" }).click();
    await expect(first).toHaveCount(0);

    await next.click();
    const create = page.getByRole("dialog", { name: "Create access code" });
    await expect(create.getByLabel("Description")).toHaveValue("Warehouse sync (next)");
    await expect(create.getByLabel("Valid for (days)")).toHaveValue("365");
    await create.getByRole("button", { name: "Save access code" }).click();
    const nextReveal = page.getByRole("dialog", { name: /^Access code for / });
    await expect(nextReveal.getByRole("textbox", { name: "Access code" })).toHaveValue(/^kwak_/);
    await nextReveal.getByRole("button", { name: "Copy access code" }).click();
    await nextReveal.getByRole("button", { name: "Done" }).click();

    await expect(table.getByRole("row").filter({ hasText: "Warehouse sync (next)" })).toBeVisible();
    await expect(next).toBeDisabled();
  });
});
