import type { Page } from "@playwright/test";
import { keepRevealedSecret } from "./support/secret-reveal";

/*
 * Each demo person has one personal key per server, and enabling, regenerating or turning it off changes it for every
 * spec at once. Who changes whose key (a new spec takes a free person, or one whose users cannot run alongside it):
 *
 * | person | main server                                   | second server (e2e/support/direct-server.ts) |
 * | ------ | --------------------------------------------- | -------------------------------------------- |
 * | Ada    | webhooks                                      | personal-key-expiry                          |
 * | Lea    | api-management                                | secret-scanning                              |
 * | Max    | personal-api-key; keyboard (after every spec) | access-logs                                  |
 * | Gus    | api/webhooks (early); rate-limits (late)      | personal-key-turned-off (turns Globex's off) |
 *
 * The screens sweep adds Gus's webhook in the console for this reason, rather than with his key.
 */

/** Enables the signed-in person's API access on their API Access tab and returns the key the dialog shows once. */
export async function enablePersonalKey(page: Page): Promise<string> {
  await page.goto("/profile/api-access");
  await page.getByRole("button", { name: "Enable API access" }).click();
  return keepRevealedKey(page);
}

/** Reads the key from the secret reveal dialog, copies it (so Done closes at once) and closes the dialog. */
export const keepRevealedKey = (page: Page) => keepRevealedSecret(page, { dialog: "Your personal API key", field: "Personal API key", copy: "Copy personal API key", format: /^kwpk_/ });

export const asKey = (key: string) => ({ headers: { "X-API-Key": key } });
