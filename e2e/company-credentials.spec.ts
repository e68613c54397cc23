import { readFile } from "node:fs/promises";
import type { APIRequestContext, Locator, Page, Request } from "@playwright/test";
import * as oidc from "openid-client";
import { expect, PEOPLE, storageStateFor, test } from "./fixtures";

// Acme has one pair of credentials at a time, and these tests walk through its life: they run in order.
test.describe.configure({ mode: "serial" });

const SETTINGS = "/profile/account-settings";
const REVEAL = "Your company's API credentials";

let clientId = "";
let clientSecret = "";
let accessToken = "";
let generateRequest: { url: string; headers: Record<string, string>; body: string } | null = null;

const other = (page: Page) => page.getByRole("region", { name: "Other" });
const detail = (page: Page, label: string) => other(page).getByRole("definition", { name: label });

async function openSettings(page: Page): Promise<Locator> {
  await page.goto(SETTINGS);
  await expect(other(page).getByRole("heading", { name: "Other" })).toBeVisible();
  return other(page);
}

function tokenClient(baseURL: string, id: string, secret: string) {
  const config = new oidc.Configuration(
    { issuer: baseURL, token_endpoint: `${baseURL}/api/oauth/token` },
    id,
    {},
    oidc.ClientSecretBasic(secret),
  );
  oidc.allowInsecureRequests(config);
  return config;
}

function captured(request: Request) {
  return { url: request.url(), headers: request.headers(), body: request.postData() ?? "" };
}

/** Sends a captured server-action POST again, from another person's session. */
async function replay(context: APIRequestContext, original: NonNullable<typeof generateRequest>) {
  const forwarded: Record<string, string> = { accept: "text/x-component" };
  for (const name of ["next-action", "content-type", "next-router-state-tree", "origin"]) {
    if (original.headers[name]) forwarded[name] = original.headers[name];
  }
  return context.post(original.url, { headers: forwarded, data: original.body });
}

for (const person of ["member", "admin"] as const) {
  test(`${PEOPLE[person].name} (${PEOPLE[person].roles.join(", ")}) sees Generate API credentials greyed out, with the reason and a link to the Office Leads`, async ({
    pageAs,
  }) => {
    const page = await pageAs(person);
    const section = await openSettings(page);
    const button = section.getByRole("button", { name: "Generate API credentials" });
    await expect(button).toBeDisabled();
    await expect(button).toHaveAccessibleDescription(/You must be an Office Lead to generate API credentials\./);
    await section.getByRole("link", { name: "See your Office Leads" }).click();
    await expect(page).toHaveURL(/\/admin\/people\?role=office-lead$/);
    await expect(page.getByRole("row").filter({ hasText: PEOPLE.lead.email })).toBeVisible();
  });
}

test("An Office Lead generates the credentials, copies both values, downloads the .txt and clicks Done", async ({
  pageAs,
}) => {
  const page = await pageAs("lead");
  const section = await openSettings(page);
  await expect(section.getByText("Your company has no API credentials.")).toBeVisible();
  await section.getByRole("button", { name: "Generate API credentials" }).click();

  const explain = page.getByRole("dialog", { name: "Generate API credentials" });
  await expect(explain).toContainText("Lost credentials cannot be recovered");
  const sent = page.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
  await explain.getByRole("button", { name: "Generate API credentials" }).click();
  generateRequest = captured(await sent);

  const reveal = page.getByRole("dialog", { name: REVEAL });
  await expect(reveal).toContainText("Lost credentials cannot be recovered");
  const idField = reveal.getByRole("textbox", { name: "Client ID" });
  const secretField = reveal.getByRole("textbox", { name: "Client secret" });
  await expect(idField).toHaveValue(/^kwc_[0-9A-Za-z]{24}$/);
  await expect(secretField).toHaveValue(/^kwcs_[0-9A-Za-z]{36}$/);
  await expect(idField).toHaveAttribute("readonly", "");
  clientId = await idField.inputValue();
  clientSecret = await secretField.inputValue();

  await reveal.getByRole("button", { name: "Copy client id" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(clientId);
  await reveal.getByRole("button", { name: "Copy client secret" }).click();
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(clientSecret);

  const downloading = page.waitForEvent("download");
  await reveal.getByRole("button", { name: "Download .txt" }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe("keyward-api-credentials-acme.txt");
  const text = await readFile(await download.path(), "utf8");
  expect(text).toContain("Organisation: Acme Construction");
  expect(text).toMatch(new RegExp(`Client ID:\\s+${clientId}`));
  expect(text).toMatch(new RegExp(`Client secret:\\s+${clientSecret}`));
  expect(text).toMatch(/Created: \d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
  expect(text).toContain("/api/oauth/token");
  expect(text).toContain("grant_type=client_credentials");

  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  await expect(detail(page, "Client ID")).toContainText(clientId);
  await expect(detail(page, "Generated by")).toHaveText(PEOPLE.lead.name);
});

test("After a reload the page shows the client id, who generated it and when, and the secret appears nowhere", async ({
  pageAs,
}) => {
  const page = await pageAs("lead");
  await openSettings(page);
  await expect(detail(page, "Client ID")).toContainText(clientId);
  await expect(detail(page, "Generated by")).toHaveText(PEOPLE.lead.name);
  await expect(detail(page, "Generated on")).toHaveText(/20\d\d.*\d{1,2}:\d{2}/);
  await expect(other(page).getByRole("link", { name: "API documentation" })).toHaveAttribute("href", "/docs/api");
  await expect(other(page).getByRole("button", { name: "Generate API credentials" })).toHaveCount(0);
  for (const path of [SETTINGS, "/profile", "/profile/api-access"]) {
    await page.goto(path);
    expect(await page.content()).not.toContain(clientSecret);
  }
  await page.goto(SETTINGS);
  await expect(detail(page, "Client ID")).toContainText(clientId);
});

test("The company's software exchanges the credentials for a token with openid-client and calls /api/v1/me", async ({
  request,
  baseURL,
}) => {
  const tokens = await oidc.clientCredentialsGrant(tokenClient(baseURL!, clientId, clientSecret));
  expect(tokens.token_type).toBe("bearer");
  expect(tokens.expires_in).toBe(3600);
  accessToken = tokens.access_token;
  const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${accessToken}` } });
  expect(me.status()).toBe(200);
  expect(await me.json()).toMatchObject({
    organization: { slug: "acme", name: "Acme Construction" },
    credential: { kind: "oauth_token" },
    user: null,
  });
});

test("A Member who replays the Office Lead's generate and delete requests is refused and nothing changes", async ({
  pageAs,
  playwright,
  baseURL,
}) => {
  // Capture the delete request the Office Lead's browser would send, without letting it reach the server.
  const page = await pageAs("lead");
  await openSettings(page);
  let deleteRequest: NonNullable<typeof generateRequest> | null = null;
  await page.route(`**${SETTINGS}`, async (route) => {
    if (route.request().method() !== "POST") return route.continue();
    deleteRequest = captured(route.request());
    return route.abort();
  });
  await other(page).getByRole("button", { name: "Delete API credentials" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete API credentials" });
  await dialog.getByRole("textbox", { name: "Type DELETE to confirm" }).fill("DELETE");
  await dialog.getByRole("button", { name: "Delete API credentials" }).click();
  await expect.poll(() => deleteRequest).not.toBeNull();
  await page.unrouteAll({ behavior: "ignoreErrors" });

  const asMember = await playwright.request.newContext({ storageState: storageStateFor("member"), baseURL });
  const generated = await replay(asMember, generateRequest!);
  expect(await generated.text()).toContain("You must be an Office Lead to generate API credentials.");
  const deleted = await replay(asMember, deleteRequest!);
  expect(await deleted.text()).toContain("You must be an Office Lead to delete API credentials.");
  await asMember.dispose();

  await openSettings(page);
  await expect(detail(page, "Client ID")).toContainText(clientId);
  await expect(detail(page, "Generated by")).toHaveText(PEOPLE.lead.name);
  await expect(other(page).getByRole("definition", { name: "Deleted by" })).toHaveCount(0);
});

test("The Delete API credentials button stays disabled until the field holds exactly DELETE", async ({ pageAs }) => {
  const page = await pageAs("lead");
  await openSettings(page);
  await other(page).getByRole("button", { name: "Delete API credentials" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete API credentials" });
  await expect(dialog).toContainText("will break all current API connections for everyone in your company");
  await expect(dialog).toContainText(clientId);
  const field = dialog.getByRole("textbox", { name: "Type DELETE to confirm" });
  const confirm = dialog.getByRole("button", { name: "Delete API credentials" });
  for (const typed of ["", "delete", "DELETE ", " DELETE", "DELET", "Delete"]) {
    await field.fill(typed);
    await expect(confirm, `with ${JSON.stringify(typed)}`).toBeDisabled();
  }
  await field.fill("DELETE");
  await expect(confirm).toBeEnabled();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(detail(page, "Client ID")).toContainText(clientId);
});

test("An Office Lead deletes the credentials: the page shows who and when, and the earlier token gets 401", async ({
  pageAs,
  request,
}) => {
  const page = await pageAs("lead");
  await openSettings(page);
  await other(page).getByRole("button", { name: "Delete API credentials" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete API credentials" });
  await dialog.getByRole("textbox", { name: "Type DELETE to confirm" }).fill("DELETE");
  await dialog.getByRole("button", { name: "Delete API credentials" }).click();
  await expect(page.getByText("API credentials deleted")).toBeVisible();
  await expect(dialog).toBeHidden();

  await expect(detail(page, "Deleted by")).toHaveText(PEOPLE.lead.name);
  await expect(detail(page, "Deleted on")).toHaveText(/20\d\d.*\d{1,2}:\d{2}/);
  await expect(other(page).getByRole("definition", { name: "Generated by" })).toHaveCount(0);
  await expect(other(page).getByRole("button", { name: "Generate API credentials" })).toBeEnabled();

  const me = await request.get("/api/v1/me", { headers: { Authorization: `Bearer ${accessToken}` } });
  expect(me.status()).toBe(401);
  expect(me.headers()["www-authenticate"]).toMatch(/^Bearer/);
  expect(me.headers()["content-type"]).toBe("application/problem+json");
});

test("An Administrator finds the generation and the deletion in the Audit Log, without the secret", async ({ pageAs }) => {
  const page = await pageAs("admin");
  await page.goto("/admin/audit-log");
  await expect(page.getByRole("heading", { level: 1, name: "Audit Log" })).toBeVisible();
  for (const verb of ["generated", "deleted"]) {
    await expect(
      page.getByRole("row", { name: new RegExp(`${PEOPLE.lead.name} ${verb} the company API credentials ${clientId}`) }),
    ).toBeVisible();
  }
  expect(await page.content()).not.toContain(clientSecret);
});

test("When an Office Lead generates on a stale page, they are told credentials already exist and see that pair", async ({
  pageAs,
}) => {
  const first = await pageAs("lead");
  const second = await pageAs("lead");
  await openSettings(first);
  await openSettings(second);
  await other(second).getByRole("button", { name: "Generate API credentials" }).click();
  const stale = second.getByRole("dialog", { name: "Generate API credentials" });
  await expect(stale).toBeVisible();

  await other(first).getByRole("button", { name: "Generate API credentials" }).click();
  await first.getByRole("dialog", { name: "Generate API credentials" }).getByRole("button", { name: "Generate API credentials" }).click();
  const reveal = first.getByRole("dialog", { name: REVEAL });
  const newClientId = await reveal.getByRole("textbox", { name: "Client ID" }).inputValue();

  await stale.getByRole("button", { name: "Generate API credentials" }).click();
  await expect(stale.getByRole("alert")).toContainText("Your company already has API credentials");
  await stale.getByRole("button", { name: "Cancel" }).click();
  await expect(stale).toBeHidden();
  await expect(detail(second, "Client ID")).toContainText(newClientId);

  // Done without copying or downloading asks once more before the secret is gone for good.
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal.getByRole("alert")).toContainText("You will not be able to see this secret again");
  await expect(reveal).toBeVisible();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(reveal).toBeHidden();
  await expect(detail(first, "Client ID")).toContainText(newClientId);
});
