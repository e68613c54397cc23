import { expect, storageStateFor, test } from "./fixtures";
import { createKey } from "./support/api-keys";

test.use({ storageState: storageStateFor("admin") });

test("An Administrator adds a second access code, and a third is refused", async ({ page, request }) => {
  await createKey(page);
  await page.getByRole("tab", { name: "Access Codes" }).click();
  await page.getByRole("button", { name: "Create access code" }).click();
  const dialog = page.getByRole("dialog", { name: "Create access code" });
  await dialog.getByLabel("Description").fill("Next year's code");
  await dialog.getByLabel("Valid for (days)").fill("400");
  await dialog.getByRole("button", { name: "Save access code" }).click();
  await expect(dialog.getByText("A code is valid for at most 365 days.")).toBeVisible();
  await dialog.getByLabel("Valid for (days)").fill("20");
  await dialog.getByRole("button", { name: "Save access code" }).click();
  const reveal = page.getByRole("dialog", { name: /^Access code for / });
  const secret = await reveal.getByRole("textbox", { name: "Access code" }).inputValue();
  await reveal.getByRole("button", { name: "Copy access code" }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  expect((await request.get("/api/v1/me", { headers: { "X-API-Key": secret } })).status()).toBe(200);

  const table = page.getByRole("table", { name: "Access codes" });
  await expect(table.getByRole("row")).toHaveCount(3);
  const soon = table.getByRole("row").filter({ hasText: "Next year's code" });
  await expect(soon).toContainText("Expires soon");
  await expect(soon).toContainText("Create the next access code before this one expires.");

  await page.getByRole("button", { name: "Create access code" }).click();
  await dialog.getByRole("button", { name: "Save access code" }).click();
  await expect(dialog.getByRole("alert")).toContainText("at most 2 access codes");
  await page.keyboard.press("Escape");
  await expect(table.getByRole("row")).toHaveCount(3);
});

test("An Administrator disables a code, which fails on the next request, and deletes it only once disabled", async ({
  page,
  request,
}) => {
  const { secret } = await createKey(page);
  await page.getByRole("tab", { name: "Access Codes" }).click();
  const row = page.getByRole("table", { name: "Access codes" }).getByRole("row").filter({ hasText: secret.slice(0, 13) });
  await expect(row.getByRole("button", { name: "Delete access code" })).toHaveCount(0);

  await row.getByRole("switch", { name: "Enabled" }).click();
  await expect(page.getByText(`Access code ${secret.slice(0, 13)} disabled`)).toBeVisible();
  const refused = await request.get("/api/v1/me", { headers: { "X-API-Key": secret } });
  expect(refused.status()).toBe(401);
  expect((await refused.json()).detail).toBe("This access code is disabled.");

  await row.getByRole("switch", { name: "Enabled" }).click();
  await expect(page.getByText(`Access code ${secret.slice(0, 13)} enabled`)).toBeVisible();
  expect((await request.get("/api/v1/me", { headers: { "X-API-Key": secret } })).status()).toBe(200);

  await row.getByRole("switch", { name: "Enabled" }).click();
  await expect(row.getByRole("switch", { name: "Enabled" })).not.toBeChecked();
  await row.getByRole("button", { name: "Delete access code" }).click();
  const confirm = page.getByRole("dialog", { name: `Delete access code ${secret.slice(0, 13)}?` });
  await confirm.getByRole("button", { name: "Delete access code" }).click();
  await expect(page.getByText("No access codes")).toBeVisible();

  await page.goto("/admin/audit-log");
  await expect(page.getByRole("row", { name: new RegExp(`deleted the access code ${secret.slice(0, 13)}`) })).toBeVisible();
});
