import type { APIResponse, Page } from "@playwright/test";
import { expect, PEOPLE, storageStateFor, test } from "./fixtures";
import { createKey, expectRefusalLoggedAndChangeAudited } from "./support/api-keys";
import { nextActionRequest, replayAction } from "./support/replay";
import { asKey, keepRevealedKey } from "./personal-key";

// Limits per hour: a window that ends during a test of a few seconds is unlikely enough that no clock hook is needed.
const RATE_LIMIT_POLICY = (requests: number) => `"default";q=${requests};w=3600`;

/** The Rate limit group of the open form: Requests (empty: none) and Per. */
async function setRateLimit(page: Page, group: string, requests: string, per = "hour") {
  const fields = page.getByRole("group", { name: group });
  await fields.getByRole("spinbutton", { name: "Requests" }).fill(requests);
  await fields.getByRole("combobox", { name: "Per" }).selectOption(per);
  return fields;
}

/** Gus Globex's personal key, new: other specs may have left one enabled, so it is regenerated then. */
async function freshPersonalKey(page: Page): Promise<string> {
  await page.goto("/profile/api-access");
  const enable = page.getByRole("button", { name: "Enable API access" });
  const regenerate = page.getByRole("button", { name: "Regenerate New Key" });
  await expect(enable.or(regenerate)).toBeVisible();
  if (await enable.isVisible()) {
    await enable.click();
  } else {
    await regenerate.click();
    await page.getByRole("alertdialog", { name: "Regenerate your API key?" }).getByRole("button", { name: "Regenerate New Key" }).click();
  }
  return keepRevealedKey(page);
}

function expectRemaining(response: APIResponse, remaining: number, requests: number) {
  expect(response.status()).toBe(200);
  expect(response.headers()["ratelimit-policy"]).toBe(RATE_LIMIT_POLICY(requests));
  expect(response.headers()["ratelimit"]).toMatch(new RegExp(`^"default";r=${remaining};t=\\d+$`));
}

test.describe("A key's rate limit", () => {
  test.use({ storageState: storageStateFor("admin") });

  test("An Administrator sets 3 requests per hour in Details: three answers carry RateLimit headers, the fourth is 429 with Retry-After, and the access log shows it", async ({
    page,
    request,
  }) => {
    const { name, keyId, secret } = await createKey(page, { policies: ["users:read"] });
    const unlimited = await request.get("/api/v1/me", asKey(secret));
    expect(unlimited.status()).toBe(200);
    expect(unlimited.headers()["ratelimit"]).toBeUndefined();
    expect(unlimited.headers()["ratelimit-policy"]).toBeUndefined();

    const fields = await setRateLimit(page, "Rate limit", "0");
    await page.getByRole("button", { name: "Save changes" }).click();
    const requests = fields.getByRole("spinbutton", { name: "Requests" });
    await expect(requests).toHaveAttribute("aria-invalid", "true");
    await expect(requests).toHaveAccessibleDescription(/Enter a whole number of requests from 1 to 1,000,000/);

    await setRateLimit(page, "Rate limit", "3");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("API key saved")).toBeVisible();
    await page.reload();
    await expect(requests).toHaveValue("3");
    await expect(fields.getByRole("combobox", { name: "Per" })).toHaveValue("hour");

    expectRemaining(await request.get("/api/v1/me", asKey(secret)), 2, 3);
    // An error answer of a limited key carries them too.
    const forbidden = await request.get("/api/v1/api-keys", asKey(secret));
    expect(forbidden.status()).toBe(403);
    expect(forbidden.headers()["ratelimit"]).toMatch(/^"default";r=1;t=\d+$/);
    expectRemaining(await request.get("/api/v1/users", asKey(secret)), 0, 3);

    const refused = await request.get("/api/v1/me", asKey(secret));
    expect(refused.status()).toBe(429);
    expect(refused.headers()["content-type"]).toBe("application/problem+json");
    const retryAfter = Number(refused.headers()["retry-after"]);
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(3600);
    expect(refused.headers()["ratelimit"]).toBe(`"default";r=0;t=${retryAfter}`);
    expect(await refused.json()).toMatchObject({
      status: 429,
      reason: "rate_limited",
      detail: expect.stringContaining("This API key may make 3 requests per hour, and has used them up."),
    });

    await expectRefusalLoggedAndChangeAudited(page, { keyId, name, status: 429 });
  });

  test("A Member's replay of the Details save is refused and the key's rate limit stays as it was; the API reads it; emptying Requests turns it off", async ({
    page,
    playwright,
    baseURL,
    request,
  }) => {
    const { keyId, secret } = await createKey(page, { policies: ["keys:read"] });
    await setRateLimit(page, "Rate limit", "50", "minute");
    const saved = nextActionRequest(page);
    await page.getByRole("button", { name: "Save changes" }).click();
    const original = await saved;
    await expect(page.getByText("API key saved")).toBeVisible();

    const asMember = await playwright.request.newContext({ storageState: storageStateFor("member"), baseURL });
    const body = (original.postData() ?? "").replace('"requests":"50"', '"requests":"1000000"');
    const replayed = await replayAction(asMember, original, body);
    expect(await replayed.text()).toContain("You must be an Administrator to manage API keys.");
    await asMember.dispose();

    await page.reload();
    await expect(page.getByRole("group", { name: "Rate limit" }).getByRole("spinbutton", { name: "Requests" })).toHaveValue("50");
    const read = await request.get(`/api/v1/api-keys/${keyId}`, asKey(secret));
    expect(await read.json()).toMatchObject({ rateLimit: { requests: 50, per: "minute" } });
    expect(read.headers()["ratelimit-policy"]).toBe('"default";q=50;w=60');

    // Emptying Requests turns the limit off: the next answer has no RateLimit headers.
    await setRateLimit(page, "Rate limit", "");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect(page.getByText("API key saved")).toBeVisible();
    const off = await request.get("/api/v1/me", asKey(secret));
    expect(off.status()).toBe(200);
    expect(off.headers()["ratelimit"]).toBeUndefined();
  });
});

// Globex's personal keys: the setting is organisation-wide, so it is generous enough not to disturb other specs
// using a Globex personal key meanwhile, and switched off again at the end.
test.describe("The rate limit for personal keys", () => {
  test.describe.configure({ mode: "serial" });
  test.use({ storageState: storageStateFor("globex") });

  test.afterAll(async ({ browser }) => {
    const context = await browser.newContext({ storageState: storageStateFor("globex") });
    const page = await context.newPage();
    await page.goto("/admin/settings");
    await setRateLimit(page, "Rate limit for personal keys", "");
    await page.getByRole("button", { name: "Save rate limit" }).click();
    await expect(page.getByText("Settings saved").first()).toBeVisible();
    await context.close();
  });

  test("An Administrator sets it in Settings (off by default); a personal key gets 429 past it; a Member's replay is refused", async ({
    page,
    playwright,
    baseURL,
    request,
  }) => {
    await page.goto("/admin/settings");
    const group = page.getByRole("group", { name: "Rate limit for personal keys" });
    await expect(group.getByRole("spinbutton", { name: "Requests" })).toHaveValue("");

    await setRateLimit(page, "Rate limit for personal keys", "20");
    const saved = nextActionRequest(page);
    await page.getByRole("button", { name: "Save rate limit" }).click();
    const original = await saved;
    await expect(page.getByText("Settings saved").first()).toBeVisible();

    const asMember = await playwright.request.newContext({ storageState: storageStateFor("member"), baseURL });
    const body = (original.postData() ?? "").replace('"requests":"20"', '"requests":""');
    const replayed = await replayAction(asMember, original, body);
    expect(await replayed.text()).toContain("You must be an Administrator to change the organisation's settings.");
    await asMember.dispose();
    await page.reload();
    await expect(group.getByRole("spinbutton", { name: "Requests" })).toHaveValue("20");
    await expect(group.getByRole("combobox", { name: "Per" })).toHaveValue("hour");

    const key = await freshPersonalKey(page);
    for (let remaining = 19; remaining >= 0; remaining--) {
      expectRemaining(await request.get("/api/v1/me", asKey(key)), remaining, 20);
    }
    const refused = await request.get("/api/v1/me", asKey(key));
    expect(refused.status()).toBe(429);
    expect(Number(refused.headers()["retry-after"])).toBeGreaterThan(0);
    expect(await refused.json()).toMatchObject({
      reason: "rate_limited",
      detail: expect.stringContaining("This personal API key may make 20 requests per hour"),
    });

    await page.goto("/admin/audit-log");
    await expect(page.getByRole("row", { name: new RegExp(`${PEOPLE.globex.name} changed the API settings of`) }).first()).toBeVisible();
  });
});
