import { readFile } from "node:fs/promises";
import type { Page } from "@playwright/test";
import { DEMO_PASSWORD, expect, PEOPLE, signIn, storageStateFor, test } from "./fixtures";
import { createKey, uniqueName } from "./support/api-keys";
import { localValue } from "./support/local-time";

// Globex has one person; these tests toggle only his Member role, which no other spec relies on.
test.use({ storageState: storageStateFor("globex") });
test.describe.configure({ mode: "serial" });

async function toggleMemberRole(page: Page) {
  await page.goto("/admin/people");
  await page.getByRole("button", { name: `Edit roles for ${PEOPLE.globex.name}` }).click();
  const dialog = page.getByRole("dialog", { name: `Edit roles for ${PEOPLE.globex.name}` });
  const member = dialog.getByRole("checkbox", { name: "Member" });
  if (await member.isChecked()) await member.uncheck();
  else await member.check();
  await dialog.getByRole("button", { name: "Save roles" }).click();
  await expect(dialog).toBeHidden();
}

const roleChange = new RegExp(`${PEOPLE.globex.name} changed the roles of ${PEOPLE.globex.name}`);

test("An Administrator pages through the audit log, newest first, past the first page", async ({ page }) => {
  for (let i = 0; i < 3; i++) await toggleMemberRole(page);

  await page.goto("/admin/audit-log?targetType=person&limit=2");
  const rows = page.getByRole("row", { name: roleChange });
  await expect(rows).toHaveCount(2);

  await page.getByRole("link", { name: "Older events" }).click();
  await expect(page).toHaveURL(/cursor=/);
  await expect(page.getByRole("row", { name: roleChange }).first()).toBeVisible();

  await page.getByRole("link", { name: "Newest events" }).click();
  await expect(page).not.toHaveURL(/cursor=/);
});

test("An Administrator filters the audit log by actor, action and target, and the filters stay in the URL", async ({
  page,
}) => {
  await page.goto("/admin/audit-log");
  const filters = page.getByRole("form", { name: "Filter events" });
  await filters.getByLabel("Actor").selectOption({ label: PEOPLE.globex.name });
  await filters.getByLabel("Action").selectOption({ label: "changed the roles of" });
  await filters.getByLabel("Target type").selectOption({ label: "Person" });
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=person\.roles_updated/);
  await expect(page).toHaveURL(/targetType=person/);
  await expect(page.getByRole("row", { name: roleChange }).first()).toBeVisible();

  await filters.getByLabel("Target type").selectOption({ label: "API key" });
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByRole("heading", { name: "No events match" })).toBeVisible();
});

test("Sign-ins and refused sign-ins are in the Audit Log, from where they came, with their own filters", async ({
  page,
  browser,
}) => {
  // Signed out, from an address of its own.
  const visitor = await browser.newContext({
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.150" },
  });
  const tab = await visitor.newPage();
  await signIn(tab, PEOPLE.globex.email, "not-the-password");
  await expect(tab.getByText("Incorrect email or password.")).toBeVisible();
  await signIn(tab, PEOPLE.globex.email, DEMO_PASSWORD);
  await expect(tab).toHaveURL(/\/profile$/);
  await visitor.close();

  await page.goto("/admin/audit-log");
  const filters = page.getByRole("form", { name: "Filter events" });
  await filters.getByLabel("Action").selectOption({ label: "refused a sign-in as" });
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/action=session\.sign_in_failed/);
  const refused = page.getByRole("row", { name: new RegExp(`Keyward refused a sign-in as ${PEOPLE.globex.name}`) });
  await expect(refused.filter({ hasText: "198.51.100.150" })).toHaveCount(1);

  await filters.getByLabel("Action").selectOption({ label: "signed in" });
  await filters.getByLabel("Target type").selectOption({ label: "Sign-in" });
  await filters.getByRole("button", { name: "Apply filters" }).click();
  await expect(page).toHaveURL(/targetType=session/);
  const signedIn = page.getByRole("row", { name: new RegExp(`${PEOPLE.globex.name} signed in`) });
  await expect(signedIn.filter({ hasText: "198.51.100.150" })).toHaveCount(1);
  await signedIn.filter({ hasText: "198.51.100.150" }).getByRole("button").click();
  const drawer = page.getByRole("dialog", { name: "Event details" });
  await expect(drawer).toContainText("session.signed_in");
  await expect(drawer).toContainText('"method": "password"');
});

test("An Administrator opens an event's details and sees its metadata", async ({ page }) => {
  await page.goto("/admin/audit-log?targetType=person");
  await page.getByRole("button", { name: roleChange }).first().click();
  const drawer = page.getByRole("dialog", { name: "Event details" });
  await expect(drawer).toContainText("person.roles_updated");
  await expect(drawer).toContainText('"before"');
  await expect(drawer).toContainText('"after"');
});

test("An Administrator exports the filtered audit log as CSV", async ({ page }) => {
  await page.goto("/admin/audit-log?targetType=person");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/^keyward-audit-log-globex-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = await readFile((await download.path())!, "utf8");
  const lines = csv.trimEnd().split("\r\n");
  expect(lines[0]).toBe("time,actor_type,actor_id,actor,action,description,target_type,target_id,target,ip,user_agent,metadata");
  expect(lines.length).toBeGreaterThanOrEqual(4);
  expect(lines.slice(1).every((line) => line.includes(",person.roles_updated,"))).toBe(true);
});

test("A target named like a spreadsheet formula is exported as plain text", async ({ page }) => {
  const marker = uniqueName("x");
  const name = `=HYPERLINK("http://evil.test","${marker}")`;
  await createKey(page, { name });
  await page.goto("/admin/audit-log?targetType=api_key");
  const downloading = page.waitForEvent("download");
  await page.getByRole("link", { name: "Export CSV" }).click();
  const csv = await readFile((await (await downloading).path())!, "utf8");
  // Other specs create keys in the same organisation meanwhile: this key's line is the one with its marker.
  const line = csv.split("\r\n").find((l) => l.includes(",api_key.created,") && l.includes(marker))!;
  // RFC 4180 quoting doubles the quotes; the leading apostrophe keeps a spreadsheet from running the formula.
  expect(line).toContain(`"'${name.replaceAll('"', '""')}"`);
  expect(line).not.toMatch(/,"?=HYPERLINK/);
});

test("A Member can neither open nor export the audit log", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor("member") });
  const page = await context.newPage();
  const denied = await page.goto("/admin/audit-log");
  expect(denied?.status()).toBe(403);
  const exported = await page.request.get("/admin/audit-log/export");
  expect(exported.status()).toBe(403);
  await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
  await context.close();
});

test.describe("in a browser in Tokyo (UTC+9)", () => {
  test.use({ timezoneId: "Asia/Tokyo" });

  test("An Administrator filters the Audit Log by a time range typed in the browser's own time, not the server's", async ({ page }) => {
    const { name } = await createKey(page, { name: uniqueName("Tokyo") });
    await page.goto("/admin/audit-log");
    const filters = page.getByRole("form", { name: "Filter events" });
    const from = localValue(-10, 9);
    await filters.getByLabel("From", { exact: true }).fill(from);
    await filters.getByLabel("To", { exact: true }).fill(localValue(10, 9));
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page).toHaveURL(/from=[^&]+%2B09%3A00/);
    await expect(page.getByRole("row", { name: new RegExp(`${PEOPLE.globex.name} created the API key ${name}`) })).toBeVisible();
    await expect(filters.getByLabel("From", { exact: true })).toHaveValue(from);

    await filters.getByLabel("From", { exact: true }).fill(localValue(-120, 9));
    await filters.getByLabel("To", { exact: true }).fill(localValue(-60, 9));
    await filters.getByRole("button", { name: "Apply filters" }).click();
    await expect(page.getByRole("heading", { name: "No events match" })).toBeVisible();
  });
});
