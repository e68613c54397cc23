import { expect, storageStateFor, test } from "./fixtures";
import { createKey } from "./support/api-keys";
import { nextActionRequest, replayAction } from "./support/replay";
import { openRowActions } from "./support/row-actions";

test.use({ storageState: storageStateFor("admin") });

test("An Administrator adds a second access code; with 2, as the help article says, Create access code is disabled with the reason, expired codes included", async ({
  page,
  request,
  playwright,
  baseURL,
}) => {
  await createKey(page);
  await page.getByRole("tab", { name: "Access Codes" }).click();
  await page.getByRole("button", { name: "Create access code" }).click();
  const dialog = page.getByRole("dialog", { name: "Create access code" });
  await dialog.getByLabel("Description").fill("Next year's code");
  await dialog.getByLabel("Valid for (days)").fill("400");
  await dialog.getByRole("button", { name: "Save access code" }).click();
  await expect(dialog.getByText("A code is valid for at most 365 days.")).toBeVisible();
  await dialog.getByLabel("Valid for (days)").fill("20");
  const created = nextActionRequest(page);
  await dialog.getByRole("button", { name: "Save access code" }).click();
  const createRequest = await created;
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

  const create = page.getByRole("button", { name: "Create access code" });
  await expect(create).toBeDisabled();
  await expect(create).toHaveAccessibleDescription(
    "This key has 2 access codes, the most it can have. Expired codes count until they are deleted: switch one off and delete it to create another.",
  );

  // The server refuses a third code on its own, whatever the page shows.
  const asAdmin = await playwright.request.newContext({ storageState: storageStateFor("admin"), baseURL });
  const third = await replayAction(asAdmin, createRequest);
  expect(await third.text()).toContain("at most 2 access codes");
  await asAdmin.dispose();
  await page.reload();
  await expect(table.getByRole("row")).toHaveCount(3);
});

test("As the help article says, an Administrator edits an access code's description at the same row, and the change is audited", async ({
  page,
}) => {
  const { secret } = await createKey(page);
  const prefix = secret.slice(0, 13);
  await page.getByRole("tab", { name: "Access Codes" }).click();
  const row = page.getByRole("table", { name: "Access codes" }).getByRole("row").filter({ hasText: prefix });
  await (await openRowActions(page, row, `access code ${prefix}`)).getByRole("menuitem", { name: "Edit description" }).click();
  const dialog = page.getByRole("dialog", { name: `Edit access code ${prefix}` });
  await dialog.getByLabel("Description").fill("x".repeat(501));
  await dialog.getByRole("button", { name: "Save access code" }).click();
  await expect(dialog.getByText("Keep the description under 500 characters.")).toBeVisible();
  await dialog.getByLabel("Description").fill("Warehouse sync");
  await dialog.getByRole("button", { name: "Save access code" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByText(`Access code ${prefix} saved`)).toBeVisible();
  await expect(row.getByRole("cell", { name: "Warehouse sync" })).toBeVisible();
  await page.reload();
  await expect(row.getByRole("cell", { name: "Warehouse sync" })).toBeVisible();

  await page.goto("/admin/audit-log");
  await expect(page.getByRole("row", { name: new RegExp(`changed the access code ${prefix}`) })).toBeVisible();
});

test("A Member who replays an Administrator's edit of an access code's description is refused and the description stays", async ({
  page,
  playwright,
  baseURL,
}) => {
  const { secret } = await createKey(page);
  const prefix = secret.slice(0, 13);
  await page.getByRole("tab", { name: "Access Codes" }).click();
  const row = page.getByRole("table", { name: "Access codes" }).getByRole("row").filter({ hasText: prefix });
  await (await openRowActions(page, row, `access code ${prefix}`)).getByRole("menuitem", { name: "Edit description" }).click();
  const dialog = page.getByRole("dialog", { name: `Edit access code ${prefix}` });
  await dialog.getByLabel("Description").fill("By the Administrator");
  const saved = nextActionRequest(page);
  await dialog.getByRole("button", { name: "Save access code" }).click();
  const original = await saved;
  await expect(row.getByRole("cell", { name: "By the Administrator" })).toBeVisible();

  const asMember = await playwright.request.newContext({ storageState: storageStateFor("member"), baseURL });
  const replayed = await replayAction(asMember, original, (original.postData() ?? "").replace("By the Administrator", "By a Member"));
  expect(replayed.headers()["x-nextjs-action-not-found"]).toBeUndefined();
  expect(await replayed.text()).toContain("You must be an Administrator to manage API keys.");
  await asMember.dispose();

  await page.reload();
  await expect(row.getByRole("cell", { name: "By the Administrator" })).toBeVisible();
  await expect(page.getByText("By a Member")).toHaveCount(0);
});

test("An Administrator disables a code, which fails on the next request, and deletes it only once disabled", async ({
  page,
  request,
}) => {
  const { secret } = await createKey(page);
  await page.getByRole("tab", { name: "Access Codes" }).click();
  const row = page.getByRole("table", { name: "Access codes" }).getByRole("row").filter({ hasText: secret.slice(0, 13) });
  const menu = await openRowActions(page, row, `access code ${secret.slice(0, 13)}`);
  await expect(menu.getByRole("menuitem", { name: "Edit description" })).toBeVisible();
  await expect(menu.getByRole("menuitem", { name: "Delete access code" })).toHaveCount(0);
  await page.keyboard.press("Escape");

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
  await (await openRowActions(page, row, `access code ${secret.slice(0, 13)}`))
    .getByRole("menuitem", { name: "Delete access code" })
    .click();
  const confirm = page.getByRole("dialog", { name: `Delete access code ${secret.slice(0, 13)}?` });
  await confirm.getByRole("button", { name: "Delete access code" }).click();
  await expect(page.getByText("No access codes")).toBeVisible();

  await page.goto("/admin/audit-log");
  await expect(page.getByRole("row", { name: new RegExp(`deleted the access code ${secret.slice(0, 13)}`) })).toBeVisible();
});

test("As in the BMS article, an Administrator disables a code used a minute ago only after confirming that integrations using it will get 401; an unused code switches off at once", async ({
  page,
  request,
}) => {
  const { keyId, secret } = await createKey(page);
  const prefix = secret.slice(0, 13);
  expect((await request.get("/api/v1/me", { headers: { "X-API-Key": secret } })).status()).toBe(200);
  const table = page.getByRole("table", { name: "Access codes" });
  const used = table.getByRole("row").filter({ hasText: prefix });
  // The use is recorded in batches: the code is "used" once its row, loaded afresh, says when.
  await expect(async () => {
    await page.goto(`/admin/api-keys/${keyId}/access-codes`);
    await expect(used).not.toContainText("Never", { timeout: 1000 });
  }).toPass();

  await used.getByRole("switch", { name: "Enabled" }).click();
  const confirm = page.getByRole("alertdialog", { name: `Disable access code ${prefix}?` });
  await expect(confirm).toContainText(`Integrations using ${prefix}… will get 401`);
  await confirm.getByRole("button", { name: "Cancel" }).click();
  await expect(confirm).toBeHidden();
  await expect(used.getByRole("switch", { name: "Enabled" })).toBeChecked();
  expect((await request.get("/api/v1/me", { headers: { "X-API-Key": secret } })).status()).toBe(200);

  await used.getByRole("switch", { name: "Enabled" }).click();
  await confirm.getByRole("button", { name: "Disable access code" }).click();
  await expect(page.getByText(`Access code ${prefix} disabled`)).toBeVisible();
  await expect(used.getByRole("switch", { name: "Enabled" })).not.toBeChecked();
  expect((await request.get("/api/v1/me", { headers: { "X-API-Key": secret } })).status()).toBe(401);

  // A code nobody has used is switched off without a question.
  await page.getByRole("button", { name: "Create access code" }).click();
  const dialog = page.getByRole("dialog", { name: "Create access code" });
  await dialog.getByLabel("Description").fill("Never used");
  await dialog.getByRole("button", { name: "Save access code" }).click();
  const reveal = page.getByRole("dialog", { name: /^Access code for / });
  const fresh = (await reveal.getByRole("textbox", { name: "Access code" }).inputValue()).slice(0, 13);
  await reveal.getByRole("button", { name: "Copy access code" }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  const unused = table.getByRole("row").filter({ hasText: fresh });
  await unused.getByRole("switch", { name: "Enabled" }).click();
  await expect(page.getByText(`Access code ${fresh} disabled`)).toBeVisible();
  await expect(page.getByRole("alertdialog")).toHaveCount(0);
  await expect(unused.getByRole("switch", { name: "Enabled" })).not.toBeChecked();

  await page.goto("/admin/audit-log");
  await expect(page.getByRole("row", { name: new RegExp(`disabled the access code ${prefix}`) })).toBeVisible();
});
