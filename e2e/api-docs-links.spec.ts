import { expect, storageStateFor, test } from "./fixtures";
import { fillCreateKeyForm, uniqueName } from "./support/api-keys";

test.describe("as a Member", () => {
  test.use({ storageState: storageStateFor("member") });

  test("As the help article says, both ways to the API documentation are in the person's settings: Account Settings → Other and API Access", async ({
    page,
  }) => {
    await page.goto("/profile/account-settings");
    const other = page.getByRole("region", { name: "Other" });
    await expect(other.getByRole("link", { name: "API documentation" })).toHaveAttribute(
      "href",
      "/docs/api#company-credentials",
    );

    await page.goto("/profile/api-access");
    const access = page.getByRole("region", { name: "Personal API key" });
    await access.getByRole("link", { name: "API documentation" }).click();
    await expect(page).toHaveURL(/\/docs\/api#personal-keys$/);
    await expect(page.getByRole("heading", { name: "Personal API keys" })).toBeVisible();
  });
});

test.describe("as an Administrator", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("An Administrator finds the API documentation on the API Keys page, in the access code's reveal dialog and on the key's Usage tab", async ({
    page,
  }) => {
    await page.goto("/admin/api-keys");
    await expect(page.getByRole("link", { name: "API documentation" })).toHaveAttribute("href", "/docs/api#access-codes");

    const name = uniqueName("Docs");
    const dialog = await fillCreateKeyForm(page, { name });
    await dialog.getByRole("button", { name: "Save API key" }).click();
    const reveal = page.getByRole("dialog", { name: `Access code for ${name}` });
    await expect(reveal.getByRole("link", { name: "API documentation" })).toHaveAttribute("href", "/docs/api#access-codes");
    await reveal.getByRole("button", { name: "Copy access code" }).click();
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

    await page.getByRole("tab", { name: "Usage" }).click();
    await page.getByRole("link", { name: "API documentation" }).click();
    await expect(page).toHaveURL(/\/docs\/api#transports$/);
    await expect(page.getByRole("heading", { name: "Six ways to send a credential" })).toBeVisible();
  });
});
