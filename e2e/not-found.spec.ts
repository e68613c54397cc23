import { expect, storageStateFor, test } from "./fixtures";

test.use({ storageState: storageStateFor("member") });

test("An address that leads nowhere shows a working page: its scripts are allowed by the CSP and its link navigates", async ({
  page,
}) => {
  const blocked: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && /Content Security Policy/i.test(message.text())) blocked.push(message.text());
  });
  const response = await page.goto("/no-such-page/anywhere");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page not found" })).toBeVisible();
  // Only a hydrated page answers a link with a client-side navigation, so this proves its scripts ran.
  await page.evaluate(() => Object.assign(window, { __stayedOnThePage: true }));
  await page.getByRole("link", { name: "Go to your profile" }).click();
  await expect(page).toHaveURL(/\/profile$/);
  expect(await page.evaluate(() => "__stayedOnThePage" in window)).toBe(true);
  expect(blocked).toEqual([]);
});
