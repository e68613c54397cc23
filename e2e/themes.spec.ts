import { expect, storageStateFor, test } from "./fixtures";

// Contrast in both themes is checked on every page by the screens sweep (screens.spec.ts); here, the shell itself.
test.use({ storageState: storageStateFor("admin") });

test("Below 1024 px the navigation opens from Open navigation, and focus returns to that button when it closes", async ({
  page,
}) => {
  await page.setViewportSize({ width: 800, height: 900 });
  await page.goto("/profile");
  await expect(page.getByRole("navigation", { name: "Main" })).toHaveCount(0);
  const open = page.getByRole("button", { name: "Open navigation" });
  await open.click();
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "Audit Log" })).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(nav).toHaveCount(0);
  await expect(open).toBeFocused();
  await open.click();
  await nav.getByRole("link", { name: "People" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("link", { name: "Acme Construction" })).toBeVisible();
  await expect(crumbs.getByText("People")).toHaveAttribute("aria-current", "page");
});

test("On a key's page the breadcrumbs lead back to API Keys, and the sidebar marks the section", async ({ page }) => {
  await page.goto("/admin/api-keys");
  const nav = page.getByRole("navigation", { name: "Main" });
  await expect(nav.getByRole("link", { name: "API Keys" })).toHaveAttribute("aria-current", "page");
  await page.getByRole("table").getByRole("link").first().click();
  const crumbs = page.getByRole("navigation", { name: "Breadcrumb" });
  await expect(crumbs.getByRole("link", { name: "API Keys" })).toBeVisible();
  await crumbs.getByRole("link", { name: "API Keys" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "API Keys" })).toBeVisible();
});
