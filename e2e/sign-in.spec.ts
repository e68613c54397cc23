import type { Browser } from "@playwright/test";
import { DEMO_PASSWORD, expect, openPersonMenu, PEOPLE, PERSON_KEYS, signIn, test } from "./fixtures";
import { expectNoSeriousViolations } from "./support/axe";

const INCORRECT = "Incorrect email or password.";

for (const key of PERSON_KEYS) {
  const person = PEOPLE[key];
  test(`${person.name} signs in with the demo password and signs out again`, async ({ page }) => {
    await signIn(page, person.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/profile$/);
    const menu = await openPersonMenu(page, person);
    await menu.getByRole("menuitem", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in to Keyward" })).toBeVisible();
    // Signed out for real: the profile now sends them back to the sign-in page.
    await page.goto("/profile");
    await expect(page).toHaveURL(/\/login/);
    await expect(page.getByRole("heading", { name: "Sign in to Keyward" })).toBeVisible();
  });
}

test("A person who types a wrong password is told the email or password is incorrect", async ({ page }) => {
  await signIn(page, PEOPLE.lead.email, "not-the-password");
  await expect(page.getByText(INCORRECT)).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("A person who types an unknown email gets the same message as for a wrong password", async ({ page }) => {
  await signIn(page, "nobody@acme.test", DEMO_PASSWORD);
  await expect(page.getByText(INCORRECT)).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

test("After five failed attempts for one email, the next attempt is refused with a lockout message", async ({
  page,
}) => {
  // No other test signs in with this address, so its failures are counted here alone.
  const email = "locked-out@acme.test";
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(page, email, `wrong-password-${attempt}`);
    await expect(page.getByText(INCORRECT)).toBeVisible();
  }
  await signIn(page, email, DEMO_PASSWORD);
  await expect(page.getByText(/^Too many failed sign-in attempts\. Try again after /)).toBeVisible();
  await expect(page).toHaveURL(/\/login/);
});

/** A browser at `address` (the test runner stands where a load balancer would, so it may say so). */
async function browserAt(browser: Browser, address: string) {
  const context = await browser.newContext({ extraHTTPHeaders: { "X-Forwarded-For": address } });
  return context.newPage();
}

test("Someone hammering a person's e-mail from one address does not keep them out: they sign in from elsewhere", async ({
  browser,
}) => {
  const attacker = await browserAt(browser, "203.0.113.10");
  for (let attempt = 1; attempt <= 5; attempt++) {
    await signIn(attacker, PEOPLE.member.email, `guess-${attempt}`);
    await expect(attacker.getByText(INCORRECT)).toBeVisible();
  }
  // The attacker's address is locked for this e-mail, even with the right password…
  await signIn(attacker, PEOPLE.member.email, DEMO_PASSWORD);
  await expect(attacker.getByText(/^Too many failed sign-in attempts\. Try again after /)).toBeVisible();
  await expect(attacker).toHaveURL(/\/login/);

  // …and the person, elsewhere, signs in at once.
  const owner = await browserAt(browser, "198.51.100.10");
  await signIn(owner, PEOPLE.member.email, DEMO_PASSWORD);
  await expect(owner).toHaveURL(/\/profile$/);
  await attacker.context().close();
  await owner.context().close();
});

test("Signing out through Auth.js's own endpoint ends the session: a kept copy of the cookie no longer opens the profile", async ({
  browser,
}) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signIn(page, PEOPLE.lead.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/profile$/);
  const kept = await context.cookies();

  const { csrfToken } = (await (await page.request.get("/api/auth/csrf")).json()) as { csrfToken: string };
  const signOut = await page.request.post("/api/auth/signout", { form: { csrfToken, callbackUrl: "/login" }, maxRedirects: 0 });
  expect(signOut.status()).toBe(302);

  const thief = await browser.newContext();
  await thief.addCookies(kept);
  const stolen = await thief.newPage();
  await stolen.goto("/profile");
  await expect(stolen).toHaveURL(/\/login/);
  await expect(stolen.getByRole("heading", { name: "Sign in to Keyward" })).toBeVisible();
  await thief.close();
  await context.close();
});

test("Auth.js's sign-out URL asks in Keyward's own page, on a phone too; Sign out ends the session, Stay signed in keeps it", async ({
  browser,
}) => {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, PEOPLE.member.email, DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/profile$/);

  await page.goto("/api/auth/signout");
  await expect(page).toHaveURL(/\/logout$/);
  await expect(page.getByRole("heading", { name: "Sign out of Keyward?" })).toBeVisible();
  await expect(page.getByText(`You are signed in as ${PEOPLE.member.name} (${PEOPLE.member.email}).`)).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  await expectNoSeriousViolations(page, "/logout");
  await page.getByRole("link", { name: "Stay signed in" }).click();
  await expect(page).toHaveURL(/\/profile$/);

  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/api/auth/signout");
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/login/);
  // Signed out, the page has nothing to ask: it leads to the sign-in page.
  await page.goto("/api/auth/signout");
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByRole("heading", { name: "Sign in to Keyward" })).toBeVisible();
  await context.close();
});

test("A signed-out visit to the profile leads to the sign-in page", async ({ page }) => {
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in to Keyward" })).toBeVisible();
});
