import type { Page } from "@playwright/test";
import { expect, PEOPLE, test } from "./fixtures";
import { enablePersonalKey } from "./personal-key";
import { signedInDirect } from "./support/direct-server";

// Turning off personal keys is organisation-wide, so this runs on the second server, for Globex, whose personal keys
// nothing else uses there. Gus Globex is the Administrator and the person at once.
const gus = PEOPLE.globex;

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
  const page = await signedInDirect(browser, gus);
  await enablePersonalKey(page);
  await page.goto("/admin/api-management?q=admin%40globex");
  await page.getByRole("link", { name: gus.name }).click();
  await page.getByRole("button", { name: "Clear API Key" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Clear the API key of ${gus.name}?` });
  await confirm.getByRole("button", { name: "Clear API Key" }).click();
  await expect(confirm).toBeHidden();
  await allowPersonalKeys(page, false);

  try {
    await page.goto("/profile/api-access");
    const message = page.getByRole("status").filter({ hasText: "cleared your API key" });
    await expect(message).toContainText(`An administrator, ${gus.name}, cleared your API key`);
    await expect(message).toContainText(
      "Personal API keys are turned off for Globex Corporation, so you cannot get a key until an Administrator allows them again",
    );
    await expect(page.getByText("Regenerate a new key")).toHaveCount(0);
    await expect(page.getByText(/cannot enable API access/)).toHaveCount(0);
    await expect(page.getByRole("status").filter({ hasText: "Personal API keys are turned off" })).toHaveCount(1);
    await expect(page.getByRole("button", { name: "Regenerate New Key" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "Enable API access" })).toHaveCount(0);
  } finally {
    await allowPersonalKeys(page, true);
  }

  await page.goto("/profile/api-access");
  await expect(page.getByText("Regenerate a new key to get API access back")).toBeVisible();
  await expect(page.getByRole("button", { name: "Regenerate New Key" })).toBeVisible();
  await page.context().close();
});
