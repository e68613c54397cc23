import type { Page } from "@playwright/test";
import { keepRevealedSecret } from "./support/secret-reveal";

/** Enables the signed-in person's API access on their API Access tab and returns the key the dialog shows once. */
export async function enablePersonalKey(page: Page): Promise<string> {
  await page.goto("/profile/api-access");
  await page.getByRole("button", { name: "Enable API access" }).click();
  return keepRevealedKey(page);
}

/** Reads the key from the secret reveal dialog, copies it (so Done closes at once) and closes the dialog. */
export const keepRevealedKey = (page: Page) => keepRevealedSecret(page, { dialog: "Your personal API key", field: "Personal API key", copy: "Copy personal API key", format: /^kwpk_/ });

export const asKey = (key: string) => ({ headers: { "X-API-Key": key } });
