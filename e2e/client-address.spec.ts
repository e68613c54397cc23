import type { APIRequestContext, Browser } from "@playwright/test";
import { readFile } from "node:fs/promises";
import { DEMO_PASSWORD, expect, PEOPLE, signIn, test } from "./fixtures";
import { fillCreateKeyForm, uniqueName } from "./support/api-keys";

// Two servers run the same build (playwright.config.ts): the usual one behind loopback as a trusted proxy, and this
// one reached directly, with no proxy configured. By 127.0.0.1 rather than localhost, so its cookies never mix with
// the other server's.
const DIRECT = `http://127.0.0.1:${process.env.KEYWARD_E2E_DIRECT_PORT}`;

/**
 * Sends twice the verify endpoint's per-address limit (120 a minute): however the requests fall across the
 * minute's boundary, one window gets more than 120, so an address that is really counted must see 429s.
 */
async function verifyBurst(request: APIRequestContext, url: string, forwardedFor: (i: number) => string) {
  const statuses: number[] = [];
  for (let i = 0; i < 250; i++) {
    const response = await request.post(url, {
      headers: { "X-Forwarded-For": forwardedFor(i) },
      data: { key: "kwak_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000" },
    });
    statuses.push(response.status());
  }
  return statuses;
}

/**
 * Signs Gus Globex in on `baseURL` in a fresh browser that sends `forwardedFor`, then reads where the Audit Log says
 * his recent sign-ins came from (other tests may sign him in too, from the test runner's own address).
 */
async function signInAndReadFrom(browser: Browser, baseURL: string, forwardedFor: string) {
  const context = await browser.newContext({ baseURL, extraHTTPHeaders: { "X-Forwarded-For": forwardedFor } });
  const page = await context.newPage();
  await signIn(page, PEOPLE.globex.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/profile$/);
  await page.goto("/admin/audit-log?action=session.signed_in&limit=100");
  const rows = page.getByRole("row", { name: new RegExp(`${PEOPLE.globex.name} signed in`) });
  await expect(rows.first()).toBeVisible();
  const from = await rows.evaluateAll((list) => list.map((row) => row.children[4]?.textContent?.trim() ?? ""));
  await context.close();
  return from;
}

test.describe("Reached directly, with no trusted proxy", () => {
  test("A client's own X-Forwarded-For does not escape the per-address limit of the verify endpoint", async ({ request }) => {
    const statuses = await verifyBurst(request, `${DIRECT}/api/v1/keys/verify`, (i) => `6.6.${i >> 8}.${i & 255}`);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
    expect(statuses.filter((s) => s === 200).length).toBeLessThanOrEqual(240);
  });

  test("A client's own X-Forwarded-For is not what the Audit Log shows as where a sign-in came from", async ({ browser }) => {
    const from = await signInAndReadFrom(browser, DIRECT, "6.6.6.6");
    expect(from).toContain("127.0.0.1");
    expect(from).not.toContain("6.6.6.6");
  });

  test("A client's own X-Forwarded-Host does not become the address in a new access code's .txt", async ({ browser }) => {
    const context = await browser.newContext({ baseURL: DIRECT, extraHTTPHeaders: { "X-Forwarded-Host": "evil.example" } });
    const page = await context.newPage();
    await signIn(page, PEOPLE.admin.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/profile$/);
    const name = uniqueName("Direct");
    const dialog = await fillCreateKeyForm(page, { name });
    await dialog.getByRole("button", { name: "Save API key" }).click();
    const reveal = page.getByRole("dialog", { name: `Access code for ${name}` });
    const downloading = page.waitForEvent("download");
    await reveal.getByRole("button", { name: "Download .txt" }).click();
    const text = await readFile((await (await downloading).path())!, "utf8");
    expect(text).toContain(`curl -H 'X-API-Key: <access code>' ${DIRECT}/api/v1/me`);
    expect(text).not.toContain("evil.example");
    await context.close();
  });

  test("A client's own X-Forwarded-Proto does not make the answer say Strict-Transport-Security", async ({ request }) => {
    const response = await request.get(`${DIRECT}/login`, { headers: { "X-Forwarded-Proto": "https" } });
    expect(response.status()).toBe(200);
    expect(response.headers()["strict-transport-security"]).toBeUndefined();
  });
});

test.describe("Behind a trusted proxy", () => {
  test("Only the hop the proxy added counts for the verify endpoint's limit, whatever the client wrote before it", async ({
    request,
  }) => {
    const statuses = await verifyBurst(request, "/api/v1/keys/verify", (i) => `6.6.${i >> 8}.${i & 255}, 203.0.113.77`);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(5);
  });

  test("The Audit Log shows the client the proxy saw, not what the client wrote", async ({ browser, baseURL }) => {
    const from = await signInAndReadFrom(browser, baseURL!, "6.6.6.6, 198.51.100.123");
    expect(from).toContain("198.51.100.123");
    expect(from).not.toContain("6.6.6.6");
  });

  test("Answers served over https, as the proxy says, carry Strict-Transport-Security for a year", async ({ request }) => {
    const secure = await request.get("/login", { headers: { "X-Forwarded-Proto": "https" } });
    expect(secure.headers()["strict-transport-security"]).toBe("max-age=31536000");
    const api = await request.get("/api/health", { headers: { "X-Forwarded-Proto": "https" } });
    expect(api.headers()["strict-transport-security"]).toBe("max-age=31536000");
    const plain = await request.get("/login");
    expect(plain.headers()["strict-transport-security"]).toBeUndefined();
  });
});
