import { readFile } from "node:fs/promises";
import { expect, PEOPLE, storageStateFor, test } from "./fixtures";
import { choosePolicies, createKey, fillCreateKeyForm, uniqueName } from "./support/api-keys";
import { expectTablesHydrated } from "./support/hydration";
import { nextActionRequest, replayAction } from "./support/replay";

test.describe("as an Administrator", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("An Administrator creates a key with tags and policies, sees its access code once, and the code works within its policies", async ({
    page,
    request,
  }) => {
    const name = uniqueName("Billing sync");
    const dialog = await fillCreateKeyForm(page, { name, tags: ["billing", "nightly"], policies: ["users:read"] });
    await expect(dialog.getByRole("listitem").filter({ hasText: "users:read" })).toBeVisible();
    await dialog.getByRole("button", { name: "Save API key" }).click();

    const reveal = page.getByRole("dialog", { name: `Access code for ${name}` });
    const keyId = await reveal.getByRole("textbox", { name: "API key ID" }).inputValue();
    const secret = await reveal.getByRole("textbox", { name: "Access code" }).inputValue();
    expect(keyId).toMatch(/^kwk_/);
    expect(secret).toMatch(/^kwak_/);
    // Done without copying or downloading asks once more.
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal.getByRole("alert")).toContainText("neither copied nor downloaded");
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toBeHidden();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

    // Never shown again: the Access Codes tab lists the prefix only.
    await page.getByRole("tab", { name: "Access Codes" }).click();
    const codes = page.getByRole("table", { name: "Access codes" });
    await expect(codes).toContainText(secret.slice(0, 13));
    await expect(page.getByText(secret)).toHaveCount(0);

    const me = await request.get("/api/v1/me", { headers: { "X-API-Key": secret } });
    expect(me.status()).toBe(200);
    expect(await me.json()).toMatchObject({
      organization: { slug: "acme" },
      credential: { kind: "access_code" },
      user: null,
      permissions: ["users:read"],
    });
    expect((await request.get("/api/v1/users", { headers: { "X-API-Key": secret } })).status()).toBe(200);
    const refused = await request.get("/api/v1/api-keys", { headers: { "X-API-Key": secret } });
    expect(refused.status()).toBe(403);
    expect(await refused.json()).toMatchObject({ policy: "keys:read", detail: expect.stringContaining("keys:read") });

    await page.goto(`/admin/api-keys?q=${encodeURIComponent(name)}&tag=nightly`);
    const row = page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: name });
    await expect(row).toContainText(keyId);
    await expect(row).toContainText("billing");
    await expect(row).toContainText("users:read");
    await expect(row).toContainText("Active");
    await page.goto("/admin/audit-log");
    await expect(page.getByRole("row", { name: new RegExp(`${PEOPLE.admin.name} created the API key ${name}`) })).toBeVisible();
  });

  test("An Administrator sees why a custom key value is refused, then uses a strong one", async ({ page, request }) => {
    const name = uniqueName("Custom");
    const dialog = await fillCreateKeyForm(page, { name, customValue: "too-short" });
    const field = dialog.getByLabel("Custom key value");
    const rules: [string, string][] = [
      ["too-short", "A custom key value needs at least 40 characters; this one has 9."],
      ["x".repeat(40), "A custom key value cannot be one character repeated."],
      ["abcdefghijklmnopqrstuvwxyzabcdefghijklmn", "A custom key value cannot be a sequence such as abcdef… or 123456…."],
      ["Secret1!Secret1!Secret1!Secret1!Secret1!", "A custom key value cannot be a short pattern repeated, such as abcabcabc…."],
      // Long and patternless, yet a phrase: the server's strength estimate refuses it.
      ["acme-construction-billing-integration-key", "This value is too easy to guess"],
    ];
    for (const [value, message] of rules) {
      await field.fill(value);
      await dialog.getByRole("button", { name: "Save API key" }).click();
      await expect(field).toHaveAttribute("aria-invalid", "true");
      await expect(field).toHaveAccessibleDescription(new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")));
    }
    const strong = `Zq8-Lr3#Vx1!Mn7Kp2Wt9Yb4Hd6Jf0Gs5Cu-${Date.now()}`;
    await field.fill(strong);
    await dialog.getByRole("button", { name: "Save API key" }).click();
    const reveal = page.getByRole("dialog", { name: `Access code for ${name}` });
    await expect(reveal.getByRole("textbox", { name: "Access code" })).toHaveValue(strong);
    const download = page.waitForEvent("download");
    await reveal.getByRole("button", { name: "Download .txt" }).click();
    expect((await download).suggestedFilename()).toMatch(/^keyward-access-code-.*\.txt$/);
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toBeHidden();
    expect((await request.get("/api/v1/me", { headers: { "X-API-Key": strong } })).status()).toBe(200);

    // The same value again is refused: custom values must not collide.
    const again = await fillCreateKeyForm(page, { name: uniqueName("Custom again"), customValue: strong });
    await again.getByRole("button", { name: "Save API key" }).click();
    await expect(again.getByText("This value cannot be used. Choose another, or let Keyward generate the code.")).toBeVisible();
  });

  test("An Administrator archives a key: the next request with its code is refused and the key stays listed as Archived", async ({
    page,
    request,
  }) => {
    const { name, secret } = await createKey(page);
    expect((await request.get("/api/v1/me", { headers: { "X-API-Key": secret } })).status()).toBe(200);
    await page.getByRole("button", { name: "Archive key" }).click();
    const confirm = page.getByRole("dialog", { name: `Archive ${name}?` });
    await confirm.getByRole("button", { name: "Archive key" }).click();
    await expect(page.getByText(`Archived by ${PEOPLE.admin.name} on`)).toBeVisible();
    const after = await request.get("/api/v1/me", { headers: { "X-API-Key": secret } });
    expect(after.status()).toBe(401);
    expect(await after.json()).toMatchObject({ detail: "This API key has been archived." });

    await page.goto(`/admin/api-keys?q=${encodeURIComponent(name)}&status=archived`);
    await expect(page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: name })).toContainText(
      "Archived",
    );
  });

  test("An Administrator deletes a key after confirming its name, and its code stops working", async ({ page, request }) => {
    const { name, secret } = await createKey(page);
    await page.getByRole("button", { name: "Delete key" }).click();
    const confirm = page.getByRole("dialog", { name: `Delete ${name}?` });
    await expect(confirm).toContainText("cannot be undone");
    await confirm.getByRole("button", { name: "Delete key" }).click();
    await expect(page).toHaveURL(/\/admin\/api-keys$/);
    await page.goto(`/admin/api-keys?q=${encodeURIComponent(name)}`);
    await expect(page.getByText("No matching keys")).toBeVisible();
    expect((await request.get("/api/v1/me", { headers: { "X-API-Key": secret } })).status()).toBe(401);
  });

  test("As the help article says, an Administrator archives a key at the same row, from its menu reached by keyboard", async ({
    page,
    request,
  }) => {
    const { name, secret } = await createKey(page);
    await page.goto(`/admin/api-keys?q=${encodeURIComponent(name)}`);
    const row = page.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: name });
    await expect(row).toBeVisible();
    await expectTablesHydrated(page);
    await row.getByRole("button", { name: `Actions for ${name}` }).focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("menuitem", { name: "Edit" })).toBeFocused();
    await page.keyboard.press("ArrowDown");
    await expect(page.getByRole("menuitem", { name: "Archive key" })).toBeFocused();
    await page.keyboard.press("Enter");
    const confirm = page.getByRole("dialog", { name: `Archive ${name}?` });
    await confirm.getByRole("button", { name: "Archive key" }).click();
    await expect(row).toContainText(`by ${PEOPLE.admin.name} on`);
    expect((await request.get("/api/v1/me", { headers: { "X-API-Key": secret } })).status()).toBe(401);
    await page.goto("/admin/audit-log");
    await expect(page.getByRole("row", { name: new RegExp(`archived the API key ${name}`) }).first()).toBeVisible();
  });

  test("As the help article says, an Administrator edits and deletes a key at the same row, each row's menu named after its key", async ({
    page,
    request,
  }) => {
    const { name, secret } = await createKey(page);
    await page.goto(`/admin/api-keys?q=${encodeURIComponent(name)}`);
    await page.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Edit" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    await expect(page.getByRole("tab", { name: "Details", selected: true })).toBeVisible();

    await page.goto(`/admin/api-keys?q=${encodeURIComponent(name)}`);
    await page.getByRole("button", { name: `Actions for ${name}` }).click();
    await page.getByRole("menuitem", { name: "Delete key" }).click();
    const confirm = page.getByRole("dialog", { name: `Delete ${name}?` });
    await expect(confirm).toContainText("cannot be undone");
    await confirm.getByRole("button", { name: "Delete key" }).click();
    await expect(page.getByText("No matching keys")).toBeVisible();
    expect((await request.get("/api/v1/me", { headers: { "X-API-Key": secret } })).status()).toBe(401);
  });

  test("A tag longer than 40 characters: Save shows the field's message, in Create API key and in Details", async ({ page }) => {
    const long = "t".repeat(41);
    const name = uniqueName("Long tag");
    const dialog = await fillCreateKeyForm(page, { name, tags: [long] });
    await dialog.getByRole("button", { name: "Save API key" }).click();
    const tags = dialog.getByRole("textbox", { name: "Tags" });
    await expect(tags).toHaveAttribute("aria-invalid", "true");
    await expect(tags).toHaveAccessibleDescription(/Keep each tag under 40 characters\./);
    await dialog.getByRole("button", { name: `Remove tag ${long}` }).click();
    await dialog.getByRole("button", { name: "Save API key" }).click();
    const reveal = page.getByRole("dialog", { name: `Access code for ${name}` });
    await reveal.getByRole("button", { name: "Copy access code" }).click();
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();

    const details = page.getByRole("textbox", { name: "Tags" });
    await details.fill(long);
    await details.press("Enter");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(details).toHaveAccessibleDescription(/Keep each tag under 40 characters\./);
    await page.reload();
    await expect(page.getByRole("button", { name: `Remove tag ${long}` })).toHaveCount(0);
  });

  test("An impersonating key gets only what both its policies and the person's roles allow", async ({ page, request }) => {
    const { secret } = await createKey(page, { policies: ["users:read", "keys:read", "audit:read"], actsAs: `${PEOPLE.member.name} (${PEOPLE.member.email})` });
    const me = await request.get("/api/v1/me", { headers: { "X-API-Key": secret } });
    expect(await me.json()).toMatchObject({ user: { email: PEOPLE.member.email }, permissions: ["users:read"] });
    expect((await request.get("/api/v1/users", { headers: { "X-API-Key": secret } })).status()).toBe(200);
    for (const path of ["/api/v1/api-keys", "/api/v1/audit-events"]) {
      expect((await request.get(path, { headers: { "X-API-Key": secret } })).status(), path).toBe(403);
    }
    await expect(page.getByLabel("Acts as user")).toHaveValue(/.+/);
  });

  test("A key linked from Globex acts in Acme only with X-Keyward-Account, within the link's policies", async ({
    page,
    pageAs,
    request,
  }) => {
    const globexPage = await pageAs("globex");
    const source = await createKey(globexPage, { policies: ["audit:read"] });

    await page.goto("/admin/api-keys");
    await page.getByRole("button", { name: "Link existing API key" }).click();
    const dialog = page.getByRole("dialog", { name: "Link existing API key" });
    await expect(dialog).toContainText("At least one policy is required for a linked key.");
    await dialog.getByLabel("API Key ID").fill("kwk_doesnotexist0000000000000");
    await choosePolicies(page, ["users:read"]);
    await dialog.getByRole("button", { name: "Link API key" }).click();
    await expect(dialog.getByText("This API key ID cannot be linked.")).toBeVisible();

    const name = uniqueName("From Globex");
    await dialog.getByLabel("API Key ID").fill(source.keyId);
    await dialog.getByLabel("Name").fill(name);
    await dialog.getByRole("button", { name: "Link API key" }).click();
    await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
    const codesTab = page.getByRole("tab", { name: "Access Codes" });
    await expect(codesTab).toHaveAttribute("aria-disabled", "true");
    await expect(codesTab).toHaveAccessibleDescription(/use the access code given by the source key's owner/);

    const home = await request.get("/api/v1/me", { headers: { "X-API-Key": source.secret } });
    expect(await home.json()).toMatchObject({ organization: { slug: "globex" }, permissions: ["audit:read"] });
    const here = await request.get("/api/v1/me", { headers: { "X-API-Key": source.secret, "X-Keyward-Account": "acme" } });
    expect(await here.json()).toMatchObject({ organization: { slug: "acme" }, permissions: ["users:read"] });
    const users = await request.get("/api/v1/users", { headers: { "X-API-Key": source.secret, "X-Keyward-Account": "acme" } });
    expect((await users.json()).data.map((u: { email: string }) => u.email)).toContain(PEOPLE.admin.email);
  });

  test("An Administrator reads on the Usage tab the six ways to send a code, each with a copy button and the key's access-code prefix", async ({
    page,
    baseURL,
    browser,
  }) => {
    const { keyId, secret } = await createKey(page);
    const shown = `${secret.slice(0, "kwak_".length + 8)}…`;
    await page.getByRole("tab", { name: "Usage" }).click();
    await expect(page.getByText(`The examples show the access code ${shown}`)).toBeVisible();
    const ways = page.getByRole("list", { name: "Ways to send an access code" });
    for (const label of [
      "Header X-API-Key",
      "Header Authorization: Bearer",
      "Query parameter apiKey",
      "Query parameter key",
      "Form field key (application/x-www-form-urlencoded)",
      "JSON property API_Key (root object, application/json)",
    ]) {
      await expect(ways.getByRole("button", { name: `Copy ${label}`, exact: true })).toBeVisible();
    }
    await expect(ways).toContainText(`curl -H 'X-API-Key: ${shown}' ${baseURL}/api/v1/me`);
    await expect(ways).not.toContainText("<access code>");
    expect(await page.content()).not.toContain(secret);
    await ways.getByRole("button", { name: "Copy Header X-API-Key", exact: true }).click();
    await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(`X-API-Key: ${shown}`);

    // Behind the trusted proxy (the test runner stands where it would), the examples use the host the proxy forwards.
    const proxied = await browser.newContext({
      storageState: storageStateFor("admin"),
      extraHTTPHeaders: { "X-Forwarded-Host": "console.keyward.example" },
    });
    const viaProxy = await proxied.newPage();
    await viaProxy.goto(`${baseURL}/admin/api-keys/${keyId}/usage`);
    await expect(viaProxy.getByRole("list", { name: "Ways to send an access code" })).toContainText(
      `curl -H 'X-API-Key: ${shown}' http://console.keyward.example/api/v1/me`,
    );
    await proxied.close();
  });

  test("An Administrator downloads a new access code's .txt, whose example names the console's own address", async ({ page, baseURL }) => {
    const name = uniqueName("Download");
    const dialog = await fillCreateKeyForm(page, { name });
    await dialog.getByRole("button", { name: "Save API key" }).click();
    const reveal = page.getByRole("dialog", { name: `Access code for ${name}` });
    const secret = await reveal.getByRole("textbox", { name: "Access code" }).inputValue();
    const downloading = page.waitForEvent("download");
    await reveal.getByRole("button", { name: "Download .txt" }).click();
    const text = await readFile((await (await downloading).path())!, "utf8");
    expect(text).toContain(secret);
    expect(text).toContain(`curl -H 'X-API-Key: <access code>' ${baseURL}/api/v1/me`);
    expect(text).not.toContain("<base URL>");
    await reveal.getByRole("button", { name: "Done" }).click();
    await expect(reveal).toBeHidden();
  });

  test("A link without a policy is refused by the form", async ({ page }) => {
    await page.goto("/admin/api-keys");
    await page.getByRole("button", { name: "Link existing API key" }).click();
    const dialog = page.getByRole("dialog", { name: "Link existing API key" });
    await dialog.getByLabel("API Key ID").fill("kwk_abcdefghijklmnopqrstuvwx");
    await dialog.getByRole("button", { name: "Link API key" }).click();
    await expect(dialog.getByText("Choose at least one policy: a linked key needs one.")).toBeVisible();
  });
});

test.describe("as a Member", () => {
  test.use({ storageState: storageStateFor("member") });

  for (const path of ["/admin/api-keys", "/admin/access-logs", "/admin/settings"]) {
    test(`A Member who opens ${path} is denied access`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(403);
      await expect(page.getByRole("heading", { name: "Access denied" })).toBeVisible();
      await expect(page.getByRole("table")).toHaveCount(0);
      await expect(page.getByRole("switch")).toHaveCount(0);
    });
  }

  test("A Member who replays the archive chosen from a key's row menu is refused and the key stays Active", async ({
    pageAs,
    playwright,
    baseURL,
  }) => {
    // Two keys made through the console before anything is under test.
    test.setTimeout(120_000);
    const admin = await pageAs("admin");
    const archivedKey = await createKey(admin);
    const { name, keyId } = await createKey(admin);
    await admin.goto(`/admin/api-keys?q=${encodeURIComponent(archivedKey.name)}`);
    await admin.getByRole("button", { name: `Actions for ${archivedKey.name}` }).click();
    await admin.getByRole("menuitem", { name: "Archive key" }).click();
    const archived = nextActionRequest(admin);
    await admin
      .getByRole("dialog", { name: `Archive ${archivedKey.name}?` })
      .getByRole("button", { name: "Archive key" })
      .click();
    const original = await archived;

    // The same request, aimed at the other key.
    const asMember = await playwright.request.newContext({ storageState: storageStateFor("member"), baseURL });
    const replay = await replayAction(asMember, original, (original.postData() ?? "").replace(archivedKey.keyId, keyId));
    expect(replay.headers()["x-nextjs-action-not-found"]).toBeUndefined();
    expect(await replay.text()).toContain("You must be an Administrator to manage API keys.");
    await asMember.dispose();

    const row = admin.getByRole("table", { name: "API keys" }).getByRole("row").filter({ hasText: name });
    await admin.goto(`/admin/api-keys?q=${encodeURIComponent(name)}`);
    await expect(row).toContainText("Active");
  });

  test("A Member who replays an Administrator's create-key request is refused and no key appears", async ({
    page,
    pageAs,
    playwright,
    baseURL,
  }) => {
    const admin = await pageAs("admin");
    const name = uniqueName("Replayed");
    const dialog = await fillCreateKeyForm(admin, { name });
    const saved = admin.waitForRequest((r) => r.method() === "POST" && r.headers()["next-action"] !== undefined);
    await dialog.getByRole("button", { name: "Save API key" }).click();
    const original = await saved;
    await admin.getByRole("dialog", { name: `Access code for ${name}` }).getByRole("button", { name: "Copy access code" }).click();
    await admin.getByRole("button", { name: "Done" }).click();

    const asMember = await playwright.request.newContext({ storageState: storageStateFor("member"), baseURL });
    const headers = original.headers();
    const forwarded: Record<string, string> = { accept: "text/x-component" };
    for (const h of ["next-action", "content-type", "next-router-state-tree", "origin"]) if (headers[h]) forwarded[h] = headers[h];
    const replayName = uniqueName("By member");
    const replay = await asMember.post(original.url(), {
      headers: forwarded,
      data: (original.postData() ?? "").replace(name, replayName),
    });
    expect(replay.headers()["x-nextjs-action-not-found"]).toBeUndefined();
    expect(await replay.text()).toContain("You must be an Administrator to manage API keys.");
    await asMember.dispose();

    await admin.goto(`/admin/api-keys?q=${encodeURIComponent(replayName)}`);
    await expect(admin.getByText("No matching keys")).toBeVisible();
    await page.goto("/profile");
    await expect(page.getByRole("heading", { level: 1, name: "Profile" })).toBeVisible();
  });
});
