import { generateKeyPairSync } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";
import { expect, PEOPLE, storageStateFor, test } from "./fixtures";
import { createKey, uniqueName } from "./support/api-keys";
import { signedInDirect } from "./support/direct-server";
import { asKey, enablePersonalKey, keepRevealedKey } from "./personal-key";
import { REPORT, reportLeaks, sha256, signed } from "./support/secret-scanning";
import { addWebhookInConsole, uniqueHookUrl } from "./support/webhooks";

/** A documentation address of its own for each test, so the per-address limit of one never reaches another. */
let addresses = 0;
const fromAddress = () => ({ "X-Forwarded-For": `203.0.113.${100 + ++addresses}` });

const report = (request: APIRequestContext, items: unknown, options: { signature?: string; headers?: Record<string, string> } = {}) =>
  reportLeaks(request, items, { ...options, headers: options.headers ?? fromAddress() });

test.describe("as the Administrator whose access code leaks", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("A signed report of a leaked access code disables it at once, answers by hash, and shows Administrators a red banner", async ({
    page,
    request,
  }) => {
    await page.goto("/admin/api-keys");
    const { name, secret } = await createKey(page, { name: uniqueName("Leaky integration") });
    expect((await request.get("/api/v1/me", asKey(secret))).status()).toBe(200);

    const url = `https://github.com/acme/${name.replaceAll(" ", "-")}/blob/main/.env`;
    const answer = await report(request, [{ token: secret, type: "keyward_access_code", url, source: "content" }]);
    expect(answer.status()).toBe(200);
    expect(await answer.json()).toEqual([{ token_hash: sha256(secret), token_type: "keyward_access_code", label: "true_positive" }]);
    expect((await request.get("/api/v1/me", asKey(secret))).status()).toBe(401);

    await page.goto("/admin/api-keys");
    const banner = page.getByRole("region", { name: /found in public and revoked/ });
    await expect(banner).toBeVisible();
    const item = banner.getByRole("listitem").filter({ hasText: url });
    await expect(item).toContainText(`The access code ${secret.slice(0, 13)} was reported leaked at ${url}`);
    await expect(item).toContainText("It is disabled. Create a new access code");
    await expect(item.getByRole("link", { name: url })).toHaveAttribute("href", url);

    await page.goto("/admin/audit-log");
    await expect(page.getByRole("row", { name: new RegExp(`Keyward disabled the access code ${secret.slice(0, 13)}, reported leaked at`) })).toBeVisible();

    // The same token reported again is still ours, and changes nothing more.
    const again = await report(request, [{ token: secret, type: "keyward_access_code", url, source: "content" }]);
    expect(await again.json()).toEqual([{ token_hash: sha256(secret), token_type: "keyward_access_code", label: "true_positive" }]);
    await page.goto("/admin/api-keys");
    await expect(page.getByRole("region", { name: /found in public and revoked/ }).getByRole("listitem").filter({ hasText: url })).toHaveCount(1);
  });
});

test.describe("the report endpoint", () => {
  test("answers false_positive for what is not a live Keyward secret, and says nothing about whose anything is", async ({ request }) => {
    const items = [
      { token: "kwak_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000", type: "keyward_access_code", url: "https://example.com/a", source: "content" },
      { token: "ghp_not_one_of_ours", type: "other", url: null, source: null },
    ];
    const answer = await report(request, items);
    expect(answer.status()).toBe(200);
    expect(await answer.json()).toEqual(items.map((i) => ({ token_hash: sha256(i.token), token_type: i.type, label: "false_positive" })));
  });

  test("refuses a report that is unsigned, signed by another key, or signed over other bytes", async ({ request }) => {
    const items = [{ token: "kwak_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000", type: "t", url: "https://example.com/b", source: "content" }];
    const stranger = generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    for (const signature of ["", "not base64!", signed(JSON.stringify(items), stranger), signed(`${JSON.stringify(items)} `)]) {
      const answer = await report(request, items, { signature });
      expect(answer.status()).toBe(401);
      expect(answer.headers()["content-type"]).toContain("application/problem+json");
      expect((await answer.json()).detail).toContain("must be signed");
    }
  });

  test("refuses what is not a report with a clear problem: not JSON, not an array, too many tokens, too large", async ({ request }) => {
    const raw = async (body: string) =>
      request.post(REPORT, { data: Buffer.from(body), headers: { "Content-Type": "application/json", "Github-Public-Key-Signature": signed(body), ...fromAddress() } });
    const notJson = await raw("{nope");
    expect(notJson.status()).toBe(400);
    const notArray = await report(request, { token: "x" });
    expect(notArray.status()).toBe(422);
    expect((await notArray.json()).detail).toContain("JSON array of { token, type, url, source }");
    const tooMany = await report(request, Array.from({ length: 1001 }, (_, i) => ({ token: `t${i}` })));
    expect(tooMany.status()).toBe(422);
    const tooLarge = await raw(JSON.stringify([{ token: "x", url: "u".repeat(300 * 1024) }]));
    expect(tooLarge.status()).toBe(413);
  });

  test("limits reports per address: after 60 in a minute, 429 with Retry-After", async ({ request }) => {
    const headers = fromAddress();
    let admitted = 0;
    let refused: Awaited<ReturnType<typeof report>> | null = null;
    // Exactly 60 fit in one minute; if the minute turns during the burst, the next one admits up to 60 more.
    while (!refused && admitted <= 120) {
      const answer = await report(request, [{ token: `t${admitted}` }], { headers });
      if (answer.status() === 429) refused = answer;
      else if (answer.status() === 200) admitted++;
      else throw new Error(`unexpected ${answer.status()}`);
    }
    expect(refused).not.toBeNull();
    expect(admitted).toBeGreaterThanOrEqual(60);
    expect(admitted).toBeLessThanOrEqual(120);
    expect(Number(refused!.headers()["retry-after"])).toBeGreaterThan(0);
  });
});

test.describe("as a Member", () => {
  test.use({ storageState: storageStateFor("member") });

  test("A Member sees no organisation banner: Administration is not theirs, and their API Access shows only their own leaks", async ({
    page,
  }) => {
    await page.goto("/profile/api-access");
    await expect(page.getByRole("heading", { name: "Personal API key" })).toBeVisible();
    // The Administrator's leaked access code is not theirs; their own webhook's leak (below) may be listed.
    await expect(page.getByText(/The access code kwak_/)).toHaveCount(0);
  });

  test("A signed report of a Member's webhook signing secret replaces it at once, and the Member and the Administrators see the banner", async ({
    page,
    request,
    pageAs,
  }) => {
    const hook = uniqueHookUrl("max-leak");
    const secret = await addWebhookInConsole(page, hook);
    const url = `https://gist.github.com/max/${hook.split("/").pop()}`;
    const items = [{ token: secret, type: "keyward_webhook_signing_secret", url, source: "gist" }];
    const answer = await report(request, items);
    expect(answer.status()).toBe(200);
    expect(await answer.json()).toEqual([{ token_hash: sha256(secret), token_type: "keyward_webhook_signing_secret", label: "true_positive" }]);

    await page.goto("/profile/api-access");
    const item = page.getByRole("region", { name: /found in public and revoked/ }).getByRole("listitem").filter({ hasText: url });
    await expect(item).toContainText(`The signing secret of the webhook ${hook} was reported leaked at ${url}`);
    await expect(item).toContainText("Roll signing secret");

    const admin = await pageAs("admin");
    await admin.goto("/admin/api-keys");
    await expect(admin.getByRole("region", { name: /found in public and revoked/ }).getByRole("listitem").filter({ hasText: url })).toContainText(hook);
    await admin.goto("/admin/audit-log");
    await expect(admin.getByRole("row", { name: new RegExp(`Keyward rolled the signing secret of the webhook ${hook.replaceAll(".", "\\.")}, reported leaked at`) })).toHaveCount(1);

    // Reported again: still ours, and nothing more happens. An unknown signing secret is no one's.
    const again = await report(request, items);
    expect(await again.json()).toEqual([{ token_hash: sha256(secret), token_type: "keyward_webhook_signing_secret", label: "true_positive" }]);
    const unknown = `whsec_${Buffer.alloc(32, 7).toString("base64")}`;
    const noise = await report(request, [{ token: unknown, type: "keyward_webhook_signing_secret", url, source: "gist" }]);
    expect(await noise.json()).toEqual([{ token_hash: sha256(unknown), token_type: "keyward_webhook_signing_secret", label: "false_positive" }]);
    await page.reload();
    await expect(page.getByRole("region", { name: /found in public and revoked/ }).getByRole("listitem").filter({ hasText: url })).toHaveCount(1);
    await admin.reload();
    await expect(admin.getByRole("row", { name: /reported leaked at/ }).filter({ hasText: url })).toHaveCount(1);
  });
});

// A personal key is one per person, and other specs use the demo people's keys on the usual server and Ada's, Max's
// and Gus's on the second one: Lea's key on the second server is used by no other spec.
test.describe("as a person whose personal API key leaks", () => {
  test("A signed report of a personal API key clears it at once; its owner sees the banner on API Access, as do the Administrators, and the audit log says so", async ({
    browser,
  }) => {
    const page = await signedInDirect(browser, PEOPLE.lead);
    const key = await enablePersonalKey(page);
    expect((await page.request.get("/api/v1/me", asKey(key))).status()).toBe(200);

    const url = `https://pastebin.example/lea-${sha256(key).slice(0, 8)}`;
    const items = [{ token: key, type: "keyward_personal_api_key", url, source: "content" }];
    const answer = await reportLeaks(page.request, items);
    expect(answer.status()).toBe(200);
    expect(await answer.json()).toEqual([{ token_hash: sha256(key), token_type: "keyward_personal_api_key", label: "true_positive" }]);
    expect((await page.request.get("/api/v1/me", asKey(key))).status()).toBe(401);

    await page.goto("/profile/api-access");
    const banner = page.getByRole("region", { name: /found in public and revoked/ });
    const item = banner.getByRole("listitem").filter({ hasText: url });
    await expect(item).toContainText("The personal API key");
    await expect(item).toContainText("It is cleared. Its owner regenerates a key on their API Access tab");
    await expect(item.getByRole("link", { name: url })).toHaveAttribute("href", url);
    // The tab says who cleared it and why (not "an administrator"), and offers a new key.
    const notice = page.getByRole("status").filter({ hasText: "cleared your API key" });
    await expect(notice).toContainText(/^Keyward cleared your API key on .+ because a secret-scanning partner found it in public\. Every link using it now fails\./);
    await page.getByRole("button", { name: "Regenerate New Key" }).click();
    const renewed = await keepRevealedKey(page);
    expect((await page.request.get("/api/v1/me", asKey(renewed))).status()).toBe(200);

    // Acme's Administrator sees the same leak in Administration, and the audit log names it.
    const admin = await signedInDirect(browser, PEOPLE.admin);
    await admin.goto("/admin/api-keys");
    await expect(admin.getByRole("region", { name: /found in public and revoked/ }).getByRole("listitem").filter({ hasText: url })).toHaveCount(1);
    await admin.goto("/admin/audit-log");
    await expect(
      admin.getByRole("row", { name: new RegExp(`Keyward cleared the personal API key of ${PEOPLE.lead.name}, reported leaked at`) }).filter({ hasText: url }),
    ).toHaveCount(1);
    await admin.context().close();

    // Reported again, it is still recognised as ours and nothing more happens.
    const again = await reportLeaks(page.request, items);
    expect(await again.json()).toEqual([{ token_hash: sha256(key), token_type: "keyward_personal_api_key", label: "true_positive" }]);
    await page.goto("/profile/api-access");
    await expect(page.getByRole("region", { name: /found in public and revoked/ }).getByRole("listitem").filter({ hasText: url })).toHaveCount(1);
  });
});
