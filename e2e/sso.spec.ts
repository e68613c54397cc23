import type { Page } from "@playwright/test";
import { expect, PEOPLE, test } from "./fixtures";

// Single sign-on against a real OpenID Provider on loopback (e2e/support/oidc-provider.mjs), started with the
// servers. Its development login page takes any password; the login chooses who the provider says you are.
// In order: the impostor test needs Lea's identity linked first.
test.describe.configure({ mode: "serial" });

const PROVIDER_BUTTON = "Sign in with Keyward Test ID";

/** From Keyward's sign-in page, through the provider's own page, as the provider's person `login`. */
async function signInAtProvider(page: Page, login: string) {
  await page.goto("/login");
  await page.getByRole("button", { name: PROVIDER_BUTTON }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\//);
  await page.getByPlaceholder("Enter any login").fill(login);
  await page.getByPlaceholder("and password").fill("any password will do");
  await page.getByRole("button", { name: "Sign-in" }).click();
}

test("The sign-in page offers the identity provider by its configured name", async ({ page }) => {
  await page.goto("/login");
  await expect(page.getByRole("button", { name: PROVIDER_BUTTON })).toBeVisible();
});

test("An existing person signs in through the identity provider and lands on her profile", async ({ page }) => {
  await signInAtProvider(page, "lea-at-idp");
  await expect(page).toHaveURL(/\/profile$/);
  await expect(page.getByRole("banner").getByRole("button", { name: PEOPLE.lead.name })).toBeVisible();
});

test("A verified e-mail that belongs to nobody here is refused with a clear message", async ({ page }) => {
  await signInAtProvider(page, "stranger-at-idp");
  await expect(page).toHaveURL(/\/login\?error=sso-unknown/);
  const message = "Single sign-on found no Keyward account with that e-mail address. Ask an Administrator to add you.";
  await expect(page.getByRole("alert").filter({ hasText: message })).toHaveText(message);
});

test("An e-mail the provider has not verified is refused, even a Keyward person's", async ({ page }) => {
  await signInAtProvider(page, "unverified-at-idp");
  await expect(page).toHaveURL(/\/login\?error=sso-unverified/);
  await expect(page.getByRole("alert").filter({ hasText: "Your identity provider has not verified that e-mail address" })).toBeVisible();
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/login/);
});

test("Cancelling at the identity provider comes back to Keyward's sign-in page, which says so", async ({ page }) => {
  await page.goto("/login");
  await page.getByRole("button", { name: PROVIDER_BUTTON }).click();
  await expect(page).toHaveURL(/^http:\/\/127\.0\.0\.1:\d+\//);
  await page.getByRole("link", { name: "[ Cancel ]" }).click();
  await expect(page).toHaveURL(/\/login\?error=OAuthCallbackError/);
  await expect(page.getByRole("alert").filter({ hasText: "Single sign-on did not complete" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Sign in to Keyward" })).toBeVisible();
});

test("A callback Keyward did not ask for, and Auth.js's own error page, end on Keyward's sign-in page", async ({ page }) => {
  for (const url of ["/api/auth/callback/oidc?code=forged&state=forged", "/api/auth/error?error=Configuration"]) {
    await page.goto(url);
    await expect(page, url).toHaveURL(/\/login\?error=Configuration$/);
    await expect(page.getByRole("alert").filter({ hasText: "Single sign-on could not be completed. Try again, or sign in with your password." })).toBeVisible();
  }
});

test("Another identity that shows a linked person's e-mail cannot sign in as her", async ({ page }) => {
  await signInAtProvider(page, "impostor-at-idp");
  await expect(page).toHaveURL(/\/login\?error=sso-taken/);
  await expect(page.getByRole("alert").filter({ hasText: "already linked to a different identity" })).toBeVisible();
});

test("An Administrator sees the single sign-on and its refusal in the Audit Log", async ({ pageAs }) => {
  const page = await pageAs("admin");
  await page.goto("/admin/audit-log?targetType=session");
  await expect(page.getByRole("row", { name: new RegExp(`${PEOPLE.lead.name} signed in`) }).first()).toBeVisible();
  // Other specs refuse Max Member's password too: the single sign-on refusal is one of his refusals.
  const refusals = page.getByRole("row", { name: new RegExp(`Keyward refused a sign-in as ${PEOPLE.member.name}`) });
  await expect(refusals.first()).toBeVisible();
  const details = page.getByRole("dialog", { name: "Event details" });
  const reasons: string[] = [];
  for (const refusal of await refusals.all()) {
    await refusal.getByRole("button").click();
    await expect(details).toBeVisible();
    reasons.push(await details.innerText());
    await page.keyboard.press("Escape");
    await expect(details).toBeHidden();
  }
  expect(reasons.join("\n")).toContain("sso_unverified");
});
