import { DEMO_PASSWORD, expect, openPersonMenu, PEOPLE, PERSON_KEYS, signIn, test } from "./fixtures";

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

test("A signed-out visit to the profile leads to the sign-in page", async ({ page }) => {
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/login/);
  await expect(page.getByRole("heading", { name: "Sign in to Keyward" })).toBeVisible();
});
