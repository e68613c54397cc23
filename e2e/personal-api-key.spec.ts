import { expect, PEOPLE, storageStateFor, test } from "./fixtures";
import { asKey, keepRevealedKey } from "./personal-key";

// Max Member's key goes through its whole life here, one step after the other; no other spec touches it.
test.describe.configure({ mode: "serial" });
test.use({ storageState: storageStateFor("member") });

let key = "";

test("A Member enables API access, sees the key once and calls the API as themselves", async ({ page, request, pageAs }) => {
  await page.goto("/profile/api-access");
  await expect(page.getByRole("heading", { name: "Personal API key" })).toBeVisible();
  await page.getByRole("button", { name: "Enable API access" }).click();

  const dialog = page.getByRole("dialog", { name: "Your personal API key" });
  const field = dialog.getByRole("textbox", { name: "Personal API key" });
  await expect(field).toHaveValue(/^kwpk_[0-9A-Za-z]{36}$/);
  key = await field.inputValue();
  // Done without copying or downloading asks once more.
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog.getByRole("alert")).toContainText("You will not be able to see this secret again");
  await dialog.getByRole("button", { name: "Done" }).click();
  await expect(dialog).toBeHidden();

  const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${key}` } });
  expect(me.status()).toBe(200);
  const body = await me.json();
  expect(body.credential.kind).toBe("personal_key");
  expect(body.user.email).toBe(PEOPLE.member.email);
  expect(body.organization.slug).toBe("acme");
  expect(body.permissions).toContain("webhooks:write");
  expect(body.permissions).not.toContain("keys:write");

  await page.reload();
  await expect(page.getByText(`${key.slice(0, 13)}…`)).toBeVisible();
  await expect(page.getByText("Enabled on")).toBeVisible();
  await expect(page.getByRole("button", { name: "Enable API access" })).toHaveCount(0);
  await expect(page.getByRole("definition").filter({ hasText: "Never" })).toHaveCount(0);

  const admin = await pageAs("admin");
  await admin.goto("/admin/audit-log");
  await expect(admin.getByRole("row", { name: /Max Member enabled the personal API key of Max Member/ })).toBeVisible();
});

test("A Member regenerates their key: the old one fails at once and the new one works", async ({ page, request }) => {
  await page.goto("/profile/api-access");
  await page.getByRole("button", { name: "Regenerate New Key" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Regenerate your API key?" });
  await expect(confirm).toContainText("Every link using the old key fails at once");
  await confirm.getByRole("button", { name: "Regenerate New Key" }).click();
  const fresh = await keepRevealedKey(page);
  expect(fresh).not.toBe(key);

  const old = await request.get("/api/v1/me", asKey(key));
  expect(old.status()).toBe(401);
  expect(old.headers()["www-authenticate"]).toContain("Bearer");
  expect((await request.get("/api/v1/me", asKey(fresh))).status()).toBe(200);
  key = fresh;
  await expect(page.getByText(`${fresh.slice(0, 13)}…`)).toBeVisible();
});

test("A Member turns off API access and the key is refused from then on", async ({ page, request }) => {
  await page.goto("/profile/api-access");
  await page.getByRole("button", { name: "Turn off API access" }).click();
  const confirm = page.getByRole("alertdialog", { name: "Turn off API access?" });
  await expect(confirm).toContainText("stops working at once");
  await confirm.getByRole("button", { name: "Turn off API access" }).click();
  await expect(confirm).toBeHidden();

  expect((await request.get("/api/v1/me", asKey(key))).status()).toBe(401);
  await expect(page.getByRole("button", { name: "Enable API access" })).toBeVisible();
  await expect(page.getByText("You turned off your API access")).toBeVisible();
});
