import { expect, openPersonMenu, PEOPLE, storageStateFor, test } from "./fixtures";

const ADMIN_SECTIONS = ["API Keys", "API Management", "Access Logs", "Audit Log", "People", "Settings"];

test.describe("as an Administrator", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("An Administrator opens Administration from the name menu and lands on API Keys", async ({ page }) => {
    await page.goto("/profile");
    const menu = await openPersonMenu(page, PEOPLE.admin);
    await menu.getByRole("menuitem", { name: "Administration" }).click();
    await expect(page).toHaveURL(/\/admin\/api-keys$/);
    await expect(page.getByRole("heading", { level: 1, name: "API Keys" })).toBeVisible();
    const tabs = page.getByRole("tablist", { name: "Administration" }).getByRole("tab");
    await expect(tabs).toHaveText(ADMIN_SECTIONS);
  });

  test("An Administrator moves between the Administration sections with the tabs", async ({ page }) => {
    await page.goto("/admin");
    await expect(page).toHaveURL(/\/admin\/api-keys$/);
    const tablist = page.getByRole("tablist", { name: "Administration" });
    for (const section of ADMIN_SECTIONS) {
      await tablist.getByRole("tab", { name: section }).click();
      await expect(page.getByRole("heading", { level: 1, name: section })).toBeVisible();
      await expect(tablist.getByRole("tab", { name: section })).toHaveAttribute("aria-selected", "true");
    }
  });
});

test.describe("as an Administrator on a phone, before the page's scripts run", () => {
  test.use({ storageState: storageStateFor("admin"), viewport: { width: 390, height: 844 }, javaScriptEnabled: false });

  test("The current section's tab shows whole in the Administration strip, though the strip is wider than the phone", async ({
    page,
  }) => {
    await page.goto("/admin/settings");
    await expect(page.getByRole("heading", { level: 1, name: "Settings" })).toBeVisible();
    const tablist = page.getByRole("tablist", { name: "Administration" });
    expect(await tablist.evaluate((strip) => strip.scrollWidth > strip.clientWidth)).toBe(true);
    const strip = (await tablist.boundingBox())!;
    const shownWhole = async (name: string) => {
      const tab = (await tablist.getByRole("tab", { name }).boundingBox())!;
      return tab.x >= Math.max(0, strip.x) - 1 && tab.x + tab.width <= Math.min(390, strip.x + strip.width) + 1;
    };
    expect(await shownWhole("Settings")).toBe(true);
    expect(await shownWhole("API Keys")).toBe(false);
  });
});

test.describe("on the profile", () => {
  test.use({ storageState: storageStateFor("globex") });

  test("A person sees their name, email, organisation and roles on their profile", async ({ page }) => {
    const person = PEOPLE.globex;
    await page.goto("/profile");
    await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
    const tablist = page.getByRole("tablist");
    await expect(tablist.getByRole("tab", { name: "Profile" })).toHaveAttribute("aria-selected", "true");
    await expect(tablist.getByRole("tab")).toHaveText(["Profile", "Account Settings", "API Access"]);
    const main = page.getByRole("main");
    await expect(main.getByText(person.name, { exact: true })).toBeVisible();
    await expect(main.getByText(person.email, { exact: true })).toBeVisible();
    await expect(main.getByText(person.organisation, { exact: true })).toBeVisible();
    for (const role of person.roles) {
      await expect(main.getByText(role, { exact: true })).toBeVisible();
    }
  });
});

for (const { key, who } of [
  { key: "member", who: "a Member" },
  { key: "lead", who: "an Office Lead" },
] as const) {
  const person = PEOPLE[key];
  test.describe(`as ${who}`, () => {
    test.use({ storageState: storageStateFor(key) });

    test(`The name menu of ${who} offers no Administration`, async ({ page }) => {
      await page.goto("/profile");
      const menu = await openPersonMenu(page, person);
      await expect(menu.getByRole("menuitem", { name: "Profile" })).toBeVisible();
      await expect(menu.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
      await expect(menu.getByRole("menuitem", { name: "Administration" })).toHaveCount(0);
    });
  });
}

test.describe("as a Member", () => {
  test.use({ storageState: storageStateFor("member") });

  for (const path of ["/admin/api-keys", "/admin/settings", "/admin/audit-log"]) {
    test(`A Member who opens ${path} directly is denied access`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
    });
  }
});
