import { fileURLToPath } from "node:url";
import { test as base, expect, type Page } from "@playwright/test";

/** The demo people of the embedded database (db/seed.ts), all with the password DEMO_PASSWORD. */
export const DEMO_PASSWORD = "keyward-demo";

export const PEOPLE = {
  admin: {
    email: "admin@acme.test",
    name: "Ada Admin",
    organisation: "Acme Construction",
    roles: ["Administrator"],
  },
  lead: {
    email: "lead@acme.test",
    name: "Lea Lead",
    organisation: "Acme Construction",
    roles: ["Office Lead"],
  },
  member: {
    email: "member@acme.test",
    name: "Max Member",
    organisation: "Acme Construction",
    roles: ["Member"],
  },
  globex: {
    email: "admin@globex.test",
    name: "Gus Globex",
    organisation: "Globex Corporation",
    roles: ["Administrator", "Office Lead"],
  },
} as const;

export type PersonKey = keyof typeof PEOPLE;
export type Person = (typeof PEOPLE)[PersonKey];
export const PERSON_KEYS = Object.keys(PEOPLE) as PersonKey[];

/** The signed-in browser state that auth.setup.ts saved for `person` (git-ignored). */
export function storageStateFor(person: PersonKey): string {
  return fileURLToPath(new URL(`./.auth/${person}.json`, import.meta.url));
}

/** Fills in and submits the sign-in form; the caller asserts where that leads. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto("/login");
  await expect(page.getByRole("heading", { name: "Sign in to Keyward" })).toBeVisible();
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
}

/** Opens the name menu at the top right, which is named after the signed-in person. */
export async function openPersonMenu(page: Page, person: Person) {
  await page.getByRole("banner").getByRole("button", { name: person.name }).click();
  const menu = page.getByRole("menu");
  await expect(menu).toBeVisible();
  return menu;
}

type Fixtures = {
  /** Opens a page in a separate browser context signed in as `person`, for tests with two people at once. */
  pageAs: (person: PersonKey) => Promise<Page>;
};

export const test = base.extend<Fixtures>({
  pageAs: async ({ browser }, provide) => {
    const contexts: Awaited<ReturnType<typeof browser.newContext>>[] = [];
    await provide(async (person) => {
      const context = await browser.newContext({ storageState: storageStateFor(person) });
      contexts.push(context);
      return context.newPage();
    });
    await Promise.all(contexts.map((context) => context.close()));
  },
});

export { expect };
