import type { Locator, Page } from "@playwright/test";

/**
 * Opens a table row's actions menu (its button is named "Actions for <row>") and returns the menu, whose items keep
 * the names the row's buttons had. The menu renders outside the table, so it is found on the page.
 */
export async function openRowActions(page: Page, scope: Locator | Page, row: string): Promise<Locator> {
  await scope.getByRole("button", { name: `Actions for ${row}`, exact: true }).click();
  return page.getByRole("menu");
}
