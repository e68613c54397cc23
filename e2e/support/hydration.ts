import { expect, type Page } from "@playwright/test";

/**
 * Waits until the page's tables have hydrated. A table's frame says whether it scrolls (data-scrollable) only from an
 * effect, and React runs every effect of the first render before it renders again, so by then the tables' keyboard
 * scrolling is set up and the row menus listen for the keyboard too: a key pressed earlier can open a menu that does
 * not yet know it was opened by keyboard.
 */
export async function expectTablesHydrated(page: Page) {
  await expect(page.locator("[data-slot=table-container]:not([data-scrollable])")).toHaveCount(0);
}
