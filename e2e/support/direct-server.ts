import type { Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, type Person, signIn } from "../fixtures";

/**
 * The second server of playwright.config.ts: the same build on a database of its own, reached directly with no
 * proxy configured. By 127.0.0.1 rather than localhost, so its cookies never mix with the usual server's. Specs that
 * change what is organisation-wide for the demo organisations (personal keys allowed, company credentials) do it here,
 * where no other spec depends on it.
 */
export const DIRECT = `http://127.0.0.1:${process.env.KEYWARD_E2E_DIRECT_PORT}`;

/** A fresh browser on the second server, signed in as `person` through the form. */
export async function signedInDirect(browser: Browser, person: Person): Promise<Page> {
  const context = await browser.newContext({ baseURL: DIRECT, permissions: ["clipboard-read", "clipboard-write"] });
  const page = await context.newPage();
  await signIn(page, person.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/profile$/);
  return page;
}
