import { DEMO_PASSWORD, expect, PEOPLE, PERSON_KEYS, signIn, storageStateFor, test as setup } from "./fixtures";

// Each demo person signs in once through the form; the other specs reuse the saved browser state.
for (const key of PERSON_KEYS) {
  const person = PEOPLE[key];
  setup(`${person.name} signs in for the other tests`, async ({ page }) => {
    await signIn(page, person.email, DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/profile$/);
    await expect(page.getByRole("banner").getByRole("button", { name: person.name })).toBeVisible();
    await page.context().storageState({ path: storageStateFor(key) });
  });
}
