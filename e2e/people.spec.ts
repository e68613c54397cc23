import type { APIRequestContext, APIResponse, Page, Request } from "@playwright/test";
import { expect, openPersonMenu, PEOPLE, storageStateFor, test } from "./fixtures";

const LAST_ADMIN = "An organisation needs at least one Administrator.";

function peopleTable(page: Page) {
  return page.getByRole("table");
}

function personRow(page: Page, name: string) {
  return peopleTable(page).getByRole("row").filter({ has: page.getByRole("cell", { name, exact: true }) });
}

test.describe("as a Member", () => {
  test.use({ storageState: storageStateFor("member") });

  test("A Member filters the People directory to find the Office Leads", async ({ page }) => {
    await page.goto("/admin/people");
    await expect(page.getByRole("heading", { level: 1, name: "People" })).toBeVisible();
    const filter = page.getByRole("navigation", { name: "Filter by role" });
    await filter.getByRole("link", { name: "Office Leads" }).click();
    await expect(page).toHaveURL(/\/admin\/people\?role=office-lead$/);
    await expect(filter.getByRole("link", { name: "Office Leads" })).toHaveAttribute("aria-current", "page");
    await expect(personRow(page, PEOPLE.lead.name)).toContainText("Office Lead");
    await expect(personRow(page, PEOPLE.member.name)).toHaveCount(0);
  });

  test("A Member reads the People directory without any way to edit roles", async ({ page }) => {
    await page.goto("/admin/people");
    for (const person of [PEOPLE.admin, PEOPLE.lead, PEOPLE.member]) {
      await expect(personRow(page, person.name)).toContainText(person.email);
    }
    await expect(page.getByRole("button", { name: /^Edit roles/ })).toHaveCount(0);
  });
});

test.describe("as the Globex Administrator", () => {
  test.use({ storageState: storageStateFor("globex") });

  test("An Administrator of Globex sees only the people of Globex", async ({ page }) => {
    await page.goto("/admin/people");
    await expect(personRow(page, PEOPLE.globex.name)).toContainText(PEOPLE.globex.email);
    await expect(peopleTable(page).getByText(/@acme\.test/)).toHaveCount(0);
    for (const person of [PEOPLE.admin, PEOPLE.lead, PEOPLE.member]) {
      await expect(peopleTable(page).getByText(person.name)).toHaveCount(0);
    }
  });
});

test.describe("as an Administrator", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("An Administrator gives a person another role and the change shows in People and the Audit Log", async ({
    page,
  }) => {
    // Lea Lead also becomes a Member: other tests rely on her being an Office Lead and on Max being only a Member.
    await page.goto("/admin/people");
    await page.getByRole("button", { name: `Edit roles for ${PEOPLE.lead.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Edit roles for ${PEOPLE.lead.name}` });
    await expect(dialog.getByRole("checkbox", { name: "Office Lead" })).toBeChecked();
    await dialog.getByRole("checkbox", { name: "Member" }).check();
    await dialog.getByRole("button", { name: "Save roles" }).click();
    await expect(page.getByText("Roles updated")).toBeVisible();
    await expect(dialog).toBeHidden();
    await expect(personRow(page, PEOPLE.lead.name)).toContainText("Office Lead");
    await expect(personRow(page, PEOPLE.lead.name)).toContainText("Member");

    await page.goto("/admin/audit-log");
    await expect(page.getByRole("heading", { level: 1, name: "Audit Log" })).toBeVisible();
    await expect(
      page.getByRole("row", { name: new RegExp(`${PEOPLE.admin.name} changed the roles of ${PEOPLE.lead.name}`) }),
    ).toBeVisible();
  });

  test("An Administrator cannot remove the organisation's last Administrator", async ({ page }) => {
    await page.goto("/admin/people");
    await page.getByRole("button", { name: `Edit roles for ${PEOPLE.admin.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Edit roles for ${PEOPLE.admin.name}` });
    await dialog.getByRole("checkbox", { name: "Member" }).check();
    await dialog.getByRole("checkbox", { name: "Administrator" }).uncheck();
    await dialog.getByRole("button", { name: "Save roles" }).click();
    await expect(dialog.getByText(LAST_ADMIN)).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await page.reload();
    await expect(personRow(page, PEOPLE.admin.name)).toContainText("Administrator");
  });

  test("A Member who replays the role-change request to make themselves Administrator is refused", async ({
    page,
    pageAs,
    playwright,
    baseURL,
  }) => {
    // 1. The Administrator saves Max Member's roles unchanged, and we keep the server-action request Save sends.
    await page.goto("/admin/people");
    await page.getByRole("button", { name: `Edit roles for ${PEOPLE.member.name}` }).click();
    const dialog = page.getByRole("dialog", { name: `Edit roles for ${PEOPLE.member.name}` });
    await expect(dialog.getByRole("checkbox", { name: "Member" })).toBeChecked();
    await expect(dialog.getByRole("checkbox", { name: "Administrator" })).not.toBeChecked();
    const saved = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
    await dialog.getByRole("button", { name: "Save roles" }).click();
    const original = await saved;
    await expect(dialog).toBeHidden();

    // 2. The Member sends the same request with their own session, asking for the Administrator role.
    const asMember = await playwright.request.newContext({ storageState: storageStateFor("member"), baseURL });
    const replayed = await replayServerAction(asMember, original, grantAdministrator);
    expect(replayed.headers()["x-nextjs-action-not-found"], "the replay must reach the real action").toBeUndefined();
    await asMember.dispose();

    // 3. Nothing changed: Max is still only a Member, for the Administrator and in his own menu.
    await page.reload();
    const row = personRow(page, PEOPLE.member.name);
    await expect(row).toContainText("Member");
    await expect(row).not.toContainText("Administrator");
    const memberPage = await pageAs("member");
    await memberPage.goto("/profile");
    const menu = await openPersonMenu(memberPage, PEOPLE.member);
    await expect(menu.getByRole("menuitem", { name: "Sign out" })).toBeVisible();
    await expect(menu.getByRole("menuitem", { name: "Administration" })).toHaveCount(0);
  });
});

/**
 * Sends a captured server-action POST again from `context` (another person's session), with the same action id and
 * router headers, and its body rewritten by `rewrite`.
 */
async function replayServerAction(
  context: APIRequestContext,
  original: Request,
  rewrite: (body: string) => string,
): Promise<APIResponse> {
  const headers = original.headers();
  const forwarded: Record<string, string> = { accept: "text/x-component" };
  for (const name of ["next-action", "content-type", "next-router-state-tree", "origin"]) {
    if (headers[name]) forwarded[name] = headers[name];
  }
  return context.post(original.url(), { headers: forwarded, data: rewrite(original.postData() ?? "") });
}

/**
 * Rewrites a server action's arguments, as React encodes plain values (JSON text), so that every list of roles
 * holding the Member role also holds the Administrator role, in the list's spelling ("member" → "administrator").
 */
function grantAdministrator(body: string): string {
  let granted = false;
  const visit = (value: unknown): unknown => {
    if (Array.isArray(value)) {
      const items = value.map(visit);
      const member = value.find((v): v is string => typeof v === "string" && /^member$/i.test(v));
      if (member === undefined || value.some((v) => typeof v === "string" && /^administrator$/i.test(v))) return items;
      granted = true;
      return [member === "member" ? "administrator" : member === "MEMBER" ? "ADMINISTRATOR" : "Administrator", ...items];
    }
    if (value !== null && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, visit(v)]));
    }
    return value;
  };
  let rewritten: string;
  try {
    rewritten = JSON.stringify(visit(JSON.parse(body)));
  } catch {
    throw new Error(`The server-action body is not the JSON this test knows how to rewrite: ${body}`);
  }
  if (!granted) throw new Error(`Found no list of roles holding the Member role in the server-action body: ${body}`);
  return rewritten;
}
