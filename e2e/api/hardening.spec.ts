import { expect, storageStateFor, test } from "../fixtures";

test("Every page carries a strict Content-Security-Policy and the security headers", async ({ request }) => {
  const response = await request.get("/login");
  expect(response.status()).toBe(200);
  const headers = response.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp).toContain("frame-ancestors 'none'");
  expect(csp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+'/);
  expect(csp).not.toContain("unsafe-eval");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("no-referrer");
});

test("Every API answer is marked uncacheable, errors included", async ({ request }) => {
  for (const path of ["/api/health", "/api/v1/me"]) {
    const response = await request.get(path);
    expect(response.headers()["cache-control"], path).toContain("no-store");
    expect(response.headers()["x-content-type-options"], path).toBe("nosniff");
  }
});

test("An API request without a credential gets 401 problem+json with a Bearer challenge", async ({ request }) => {
  const response = await request.get("/api/v1/me");
  expect(response.status()).toBe(401);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  expect(response.headers()["www-authenticate"]).toMatch(/^Bearer /);
  expect(await response.json()).toMatchObject({ status: 401, title: "Authentication required" });
});

test("A request body over 1 MiB is refused with 413 before any handler reads it", async ({ request }) => {
  const response = await request.post("/api/v1/me", {
    headers: { "content-type": "application/json" },
    data: JSON.stringify({ padding: "x".repeat(2 * 1024 * 1024) }),
  });
  expect(response.status()).toBe(413);
  expect(response.headers()["content-type"]).toContain("application/problem+json");
  expect((await response.json()).detail).toContain("1 MiB");
});

test("The signed-in console loads under its CSP without blocked scripts", async ({ browser }) => {
  const context = await browser.newContext({ storageState: storageStateFor("admin") });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content.Security.Policy|Refused to/i.test(message.text())) violations.push(message.text());
  });
  await page.goto("/admin/people");
  await page.getByRole("button", { name: "Edit roles for Max Member" }).click();
  await expect(page.getByRole("dialog", { name: "Edit roles for Max Member" })).toBeVisible();
  expect(violations).toEqual([]);
  await context.close();
});
