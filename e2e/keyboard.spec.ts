import type { Locator, Page } from "@playwright/test";
import { expect, storageStateFor, test } from "./fixtures";
import { uniqueName } from "./support/api-keys";

// These flows change the demo people's shared credentials and keys, so they run in a project of their own after every
// other console spec (playwright.config.ts). Every flow here is driven with the keyboard alone: Tab / Shift+Tab to reach a control, Enter or Space to use it,
// typing into the field that has focus. After every dialog, focus must be back on what opened it, or, when that is
// gone, on the section's main control.

/** Presses Tab (or Shift+Tab) until `target` has focus, as a keyboard user would; fails if it is never reached. */
async function tabTo(page: Page, target: Locator, { backwards = false, max = 80 } = {}) {
  await expect(target).toBeVisible();
  for (let step = 0; step < max; step += 1) {
    if (await target.evaluate((element) => element === document.activeElement)) return;
    await page.keyboard.press(backwards ? "Shift+Tab" : "Tab");
  }
  await expect(target).toBeFocused();
}

/** Tabs to `target` and presses Enter. */
async function press(page: Page, target: Locator, key = "Enter") {
  await tabTo(page, target);
  await page.keyboard.press(key);
}

/** Keeps the secret of an open reveal dialog with its copy button, then closes it with Done. */
async function keepAndClose(page: Page, reveal: Locator, copyLabel: string) {
  // The secret shows once the action and the page's refresh are done, which takes a while on a busy machine.
  await expect(reveal).toBeVisible({ timeout: 30_000 });
  await press(page, reveal.getByRole("button", { name: copyLabel }));
  await press(page, reveal.getByRole("button", { name: "Done" }));
  await expect(reveal).toBeHidden();
}

test.describe("as an Office Lead", () => {
  test.use({ storageState: storageStateFor("lead") });

  test("An Office Lead generates and deletes the company's API credentials with the keyboard alone", async ({ page }) => {
    await page.goto("/profile/account-settings");
    const section = page.getByRole("region", { name: "Other" });
    const generate = section.getByRole("button", { name: "Generate API credentials" });
    const remove = section.getByRole("button", { name: "Delete API credentials" });

    /** Deletes the credentials from the section's Delete button; focus then lands on Generate. */
    const deleteCredentials = async () => {
      await press(page, remove);
      const confirm = page.getByRole("dialog", { name: "Delete API credentials" });
      await expect(confirm.getByRole("textbox", { name: "Type DELETE to confirm" })).toBeFocused();
      await page.keyboard.type("DELETE");
      await page.keyboard.press("Enter");
      await expect(confirm).toBeHidden();
      await expect(generate).toBeFocused();
    };

    await expect(generate.or(remove)).toBeVisible();
    // The credentials specs leave Acme's credentials in place: they go first, with the keyboard too.
    if (await remove.isVisible()) await deleteCredentials();

    await press(page, generate);
    const explain = page.getByRole("dialog", { name: "Generate API credentials" });
    await expect(explain).toBeVisible();
    await press(page, explain.getByRole("button", { name: "Generate API credentials" }));
    const reveal = page.getByRole("dialog", { name: "Your company's API credentials" });
    await keepAndClose(page, reveal, "Copy client secret");
    // The opener is gone now that credentials exist: focus lands on the section's main control.
    await expect(section.getByRole("button", { name: "Roll client secret" })).toBeFocused();

    await deleteCredentials();
  });
});

test.describe("as an Administrator", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("An Administrator creates an API key with policies, then creates and disables an access code, with the keyboard alone", async ({
    page,
  }) => {
    // One key, two dialogs inside one another, two secret reveals and a switch, each reached by Tab.
    test.slow();
    const name = uniqueName("Keyboard key");
    await page.goto("/admin/api-keys");
    const create = page.getByRole("button", { name: "Create API key" });
    await press(page, create);
    const dialog = page.getByRole("dialog", { name: "Create API key" });
    await tabTo(page, dialog.getByLabel("Name", { exact: true }));
    await page.keyboard.type(name);

    const choose = dialog.getByRole("button", { name: "Choose policies" });
    await press(page, choose);
    const modal = page.getByRole("dialog", { name: "Choose policies" });
    await press(page, modal.getByRole("checkbox", { name: "users:read", exact: true }), "Space");
    await expect(modal.getByRole("checkbox", { name: "users:read", exact: true })).toBeChecked();
    await press(page, modal.getByRole("button", { name: "Confirm policies" }));
    await expect(modal).toBeHidden();
    await expect(choose).toBeFocused();
    await expect(dialog.getByRole("list", { name: "Chosen policies" })).toContainText("users:read");

    await press(page, dialog.getByRole("button", { name: "Save API key" }));
    const reveal = page.getByRole("dialog", { name: `Access code for ${name}` });
    await keepAndClose(page, reveal, "Copy access code");
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    // The reveal handed over to the key's own page, where the opener is not: focus is on its content.
    await expect(page.getByRole("main")).toBeFocused();

    const tabs = page.getByRole("tablist", { name: "API key" });
    await tabTo(page, tabs.getByRole("tab", { name: "Details" }));
    await page.keyboard.press("ArrowRight");
    await expect(tabs.getByRole("tab", { name: "Access Codes" })).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(tabs.getByRole("tab", { name: "Access Codes" })).toHaveAttribute("aria-selected", "true");

    const table = page.getByRole("table", { name: "Access codes" });
    await press(page, page.getByRole("button", { name: "Create access code" }));
    const codeDialog = page.getByRole("dialog", { name: "Create access code" });
    await tabTo(page, codeDialog.getByLabel("Description"));
    await page.keyboard.type("Keyboard code");
    await press(page, codeDialog.getByRole("button", { name: "Save access code" }));
    const codeReveal = page.getByRole("dialog", { name: /^Access code for / });
    const prefix = (await codeReveal.getByRole("textbox", { name: "Access code" }).inputValue()).slice(0, 13);
    await keepAndClose(page, codeReveal, "Copy access code");
    // With two codes Create access code is disabled, so focus cannot go back to it: it stays on the page's content.
    await expect(page.getByRole("main")).toBeFocused();

    const row = table.getByRole("row").filter({ hasText: prefix });
    const enabled = row.getByRole("switch", { name: "Enabled" });
    await press(page, enabled, "Space");
    await expect(page.getByText(`Access code ${prefix} disabled`)).toBeVisible();
    await expect(enabled).not.toBeChecked();
    await expect(enabled).toBeFocused();
  });
});

test.describe("as a Member", () => {
  test.use({ storageState: storageStateFor("member") });

  test("A Member enables and regenerates their personal API key, and adds a webhook, with the keyboard alone", async ({
    page,
  }) => {
    await page.goto("/profile/api-access");
    const turnOff = page.getByRole("button", { name: "Turn off API access" });
    const enable = page.getByRole("button", { name: "Enable API access" });
    await expect(turnOff.or(enable)).toBeVisible();
    if (await turnOff.isVisible()) {
      // Left enabled by an earlier run: turned off first, with the keyboard too.
      await press(page, turnOff);
      const confirm = page.getByRole("alertdialog", { name: "Turn off API access?" });
      await press(page, confirm.getByRole("button", { name: "Turn off API access" }));
      await expect(confirm).toBeHidden();
      await expect(enable).toBeFocused();
    }

    await press(page, enable);
    const reveal = page.getByRole("dialog", { name: "Your personal API key" });
    await keepAndClose(page, reveal, "Copy personal API key");
    const regenerate = page.getByRole("button", { name: "Regenerate New Key" });
    await expect(regenerate).toBeFocused();

    await page.keyboard.press("Enter");
    const confirm = page.getByRole("alertdialog", { name: "Regenerate your API key?" });
    await press(page, confirm.getByRole("button", { name: "Regenerate New Key" }));
    await keepAndClose(page, page.getByRole("dialog", { name: "Your personal API key" }), "Copy personal API key");
    await expect(regenerate).toBeFocused();

    const add = page.getByRole("button", { name: "Add webhook" });
    await press(page, add);
    const form = page.getByRole("dialog", { name: "Add webhook" });
    await tabTo(page, form.getByRole("textbox", { name: "URL" }));
    await page.keyboard.type(`https://127.0.0.1:9/${uniqueName("keyboard").replace(" ", "-")}`);
    await press(page, form.getByRole("button", { name: "Add webhook" }));
    const secret = page.getByRole("dialog", { name: "Webhook signing secret" });
    await keepAndClose(page, secret, "Copy signing secret");
    await expect(add).toBeFocused();
  });
});

test.describe("the shell", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("Skip to content is the first stop of the Tab order and moves focus to the page's content", async ({ page }) => {
    await page.goto("/admin/api-keys");
    await page.keyboard.press("Tab");
    const skip = page.getByRole("link", { name: "Skip to content" });
    await expect(skip).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("main")).toBeFocused();
  });

  test("The arrow keys, Home and End move between the Administration tabs, and Enter opens one", async ({ page }) => {
    await page.goto("/admin/api-keys");
    const tabs = page.getByRole("tablist", { name: "Administration" });
    await tabTo(page, tabs.getByRole("tab", { name: "API Keys" }));
    await page.keyboard.press("ArrowRight");
    await expect(tabs.getByRole("tab", { name: "API Management" })).toBeFocused();
    await page.keyboard.press("End");
    await expect(tabs.getByRole("tab", { name: "Settings" })).toBeFocused();
    await page.keyboard.press("ArrowRight");
    await expect(tabs.getByRole("tab", { name: "API Keys" })).toBeFocused();
    await page.keyboard.press("ArrowLeft");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    await expect(tabs.getByRole("tab", { name: "Settings" })).toHaveAttribute("aria-selected", "true");
  });

  test("The theme chosen in the name menu applies dark at once and stays after a reload", async ({ page }) => {
    await page.goto("/profile");
    const background = () => page.locator("body").evaluate((body) => getComputedStyle(body).backgroundColor);
    const light = await background();
    await tabTo(page, page.getByRole("banner").getByRole("button", { name: "Ada Admin" }));
    await page.keyboard.press("Enter");
    const menu = page.getByRole("menu");
    await expect(menu.getByRole("menuitemradio", { name: "System" })).toBeChecked();
    for (let step = 0; step < 10; step += 1) {
      if (await menu.getByRole("menuitemradio", { name: "Dark" }).evaluate((item) => item === document.activeElement)) break;
      await page.keyboard.press("ArrowDown");
    }
    await page.keyboard.press("Enter");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    expect(await background()).not.toBe(light);
    await page.reload();
    await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
    await page.getByRole("banner").getByRole("button", { name: "Ada Admin" }).press("Enter");
    await expect(page.getByRole("menu").getByRole("menuitemradio", { name: "Dark" })).toBeChecked();
  });
});
