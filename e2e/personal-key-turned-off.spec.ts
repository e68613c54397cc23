import type { Browser, Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, PEOPLE, signIn, test } from "./fixtures";
import { enablePersonalKey } from "./personal-key";

// Turning off personal keys is organisation-wide, so this runs on the second server (playwright.config.ts), whose
// database no other spec's personal keys use; by 127.0.0.1, so its cookies never mix with the usual server's.
const DIRECT = `http://127.0.0.1:${process.env.KEYWARD_E2E_DIRECT_PORT}`;
test.describe.configure({ mode: "serial" });

async function signedIn(browser: Browser, person: (typeof PEOPLE)[keyof typeof PEOPLE]): Promise<Page> {
  const context = await browser.newContext({ baseURL: DIRECT });
  const page = await context.newPage();
  await signIn(page, person.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/profile$/);
  return page;
}

async function allowPersonalKeys(admin: Page, on: boolean) {
  await admin.goto("/admin/settings");
  const control = admin.getByRole("switch", { name: "Allow personal API keys" });
  if ((await control.getAttribute("aria-checked")) !== String(on)) {
    await control.click();
    await expect(admin.getByText("Settings saved").first()).toBeVisible();
  }
  await expect(control).toHaveAttribute("aria-checked", String(on));
}

// Crelate article: a cleared key must be regenerated to get access back, which is impossible while personal keys are off.
test("A person whose key was cleared while personal keys are turned off reads one message and no button (Crelate article)", async ({
  browser,
}) => {
  const lea = await signedIn(browser, PEOPLE.lead);
  await enablePersonalKey(lea);
  const admin = await signedIn(browser, PEOPLE.admin);
  await admin.goto("/admin/api-management?q=lead%40acme");
  await admin.getByRole("link", { name: PEOPLE.lead.name }).click();
  await admin.getByRole("button", { name: "Clear API Key" }).click();
  const confirm = admin.getByRole("alertdialog", { name: `Clear the API key of ${PEOPLE.lead.name}?` });
  await confirm.getByRole("button", { name: "Clear API Key" }).click();
  await expect(confirm).toBeHidden();
  await allowPersonalKeys(admin, false);

  try {
    await lea.goto("/profile/api-access");
    const message = lea.getByRole("status").filter({ hasText: "cleared your API key" });
    await expect(message).toContainText(`An administrator, ${PEOPLE.admin.name}, cleared your API key`);
    await expect(message).toContainText(
      "Personal API keys are turned off for Acme Construction, so you cannot get a key until an Administrator allows them again",
    );
    await expect(lea.getByText("Regenerate a new key")).toHaveCount(0);
    await expect(lea.getByText(/cannot enable API access/)).toHaveCount(0);
    await expect(lea.getByRole("status").filter({ hasText: "Personal API keys are turned off" })).toHaveCount(1);
    await expect(lea.getByRole("button", { name: "Regenerate New Key" })).toHaveCount(0);
    await expect(lea.getByRole("button", { name: "Enable API access" })).toHaveCount(0);
  } finally {
    await allowPersonalKeys(admin, true);
  }

  await lea.reload();
  await expect(lea.getByText("Regenerate a new key to get API access back")).toBeVisible();
  await expect(lea.getByRole("button", { name: "Regenerate New Key" })).toBeVisible();
  await lea.context().close();
  await admin.context().close();
});
