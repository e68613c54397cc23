import { expect, type Page } from "@playwright/test";

/** Enables the signed-in person's API access on their API Access tab and returns the key the dialog shows once. */
export async function enablePersonalKey(page: Page): Promise<string> {
  await page.goto("/profile/api-access");
  await page.getByRole("button", { name: "Enable API access" }).click();
  return keepRevealedKey(page);
}

/** Reads the key from the secret reveal dialog, copies it (so Done closes at once) and closes the dialog. */
export async function keepRevealedKey(page: Page): Promise<string> {
  const dialog = page.getByRole("dialog", { name: "Your personal API key" });
  const field = dialog.getByRole("textbox", { name: "Personal API key" });
  await expect(field).toHaveValue(/^kwpk_/);
  const key = await field.inputValue();
  await dialog.getByRole("button", { name: "Copy personal API key" }).click();
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();
  return key;
}

export const asKey = (key: string) => ({ headers: { "X-API-Key": key } });
