import type { Page } from "@playwright/test";
import { expect, storageStateFor, test } from "./fixtures";
import { createKey } from "./support/api-keys";
import { openRowActions } from "./support/row-actions";

/** Errors the page logs while it loads and hydrates (React reports a hydration mismatch this way). */
function consoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return errors;
}

test.describe("as an Administrator", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("A key's table row says how long ago it was created, with the full date and time on hover, and the page hydrates without a mismatch", async ({
    page,
  }) => {
    const { name } = await createKey(page);
    const errors = consoleErrors(page);
    await page.goto(`/admin/api-keys?q=${encodeURIComponent(name)}`);
    const row = page.getByRole("row", { name: new RegExp(name) });
    const created = row.getByRole("time");
    await expect(created).toContainText("just now");
    // The year, the time of day and the zone, on hover and for screen readers.
    await expect(created).toHaveAttribute("title", /20\d\d.*\d{1,2}:\d{2}.*(UTC|GMT)/);
    await expect(row).toContainText("Never");
    expect(errors.filter((text) => /hydrat|#418|#423|#425/i.test(text))).toEqual([]);
  });

  test("The filter selects are drawn like the text fields and still choose by selectOption", async ({ page }) => {
    await page.goto("/admin/api-keys");
    const status = page.getByRole("combobox", { name: "Status" });
    await expect(status).toHaveCSS("appearance", "none");
    const search = page.getByRole("searchbox", { name: "Search by name" });
    const height = (await search.boundingBox())!.height;
    expect((await status.boundingBox())!.height).toBeCloseTo(height, 0);
    await status.selectOption({ label: "Archived" });
    await page.getByRole("button", { name: "Filter" }).click();
    await expect(page).toHaveURL(/status=archived/);
    await expect(status).toHaveValue("archived");
  });
});

test.describe("as a Member", () => {
  test.use({ storageState: storageStateFor("member") });

  test("A Member adds a webhook through the styled selects, and its row says On once, beside the Status switch", async ({ page }) => {
    await page.goto("/profile/api-access");
    await page.getByRole("button", { name: "Add webhook" }).click();
    const form = page.getByRole("dialog", { name: "Add webhook" });
    const entity = form.getByRole("combobox", { name: "Entity" });
    await expect(entity).toHaveCSS("appearance", "none");
    await entity.selectOption("User");
    await form.getByRole("combobox", { name: "Operation Type" }).selectOption("Update");
    const url = `http://127.0.0.1:9/look-${Date.now()}`;
    await form.getByLabel("URL").fill(url);
    await form.getByRole("button", { name: "Add webhook" }).click();
    const reveal = page.getByRole("dialog", { name: "Webhook signing secret" });
    await reveal.getByRole("button", { name: "Copy signing secret" }).click();
    await reveal.getByRole("button", { name: "Done" }).click();

    const row = page.getByRole("row").filter({ hasText: url });
    await expect(row.getByRole("switch", { name: "Status" })).toBeChecked();
    await expect(row.getByText("On", { exact: true })).toHaveCount(1);
    await expect(row.getByText("Off", { exact: true })).toHaveCount(0);

    await (await openRowActions(page, row, url)).getByRole("menuitem", { name: `Delete webhook ${url}` }).click();
    await page.getByRole("alertdialog", { name: "Delete this webhook?" }).getByRole("button", { name: "Delete webhook" }).click();
    await expect(row).toHaveCount(0);
  });
});
