import type { Browser, Locator, Page } from "@playwright/test";
import { expect, PEOPLE, storageStateFor, test, type PersonKey } from "./fixtures";
import { asKey } from "./personal-key";
import { createKey, uniqueName } from "./support/api-keys";
import { expectNoSeriousViolations } from "./support/axe";
import { CONSOLE_PAGES, type ScreensData } from "./support/console-pages";
import { expectTablesHydrated } from "./support/hydration";
import { controlsOutOfView, cutOff, dialogOutOfFrame, pageOverflow } from "./support/layout";
import { openRowActions } from "./support/row-actions";
import { addWebhookInConsole } from "./support/webhooks";
import { startReceiver, type Receiver } from "./webhook-receiver";

// Every console page, for every demo person who may see it, and every dialog that opens without changing anything,
// at a desktop and a phone size: nothing scrolls sideways or shows cut off, the first row's controls are in view at
// 1280 px, a dialog's controls can be reached, and axe finds nothing serious in light or dark. One load per (page,
// person, size) with every check on it; the tests of a file share a worker, so the data is made once.

const VIEWPORTS = [
  { name: "1280×800", width: 1280, height: 800 },
  { name: "390×844", width: 390, height: 844 },
] as const;

let data: ScreensData;
let receiver: Receiver;

async function pageFor(browser: Browser, person: PersonKey): Promise<Page> {
  const context = await browser.newContext({ storageState: storageStateFor(person) });
  return context.newPage();
}

/**
 * Adds a webhook of Gus Globex's in the console and returns its id. Through the console, not his personal key: other
 * specs regenerate that key on this server meanwhile, and a key regenerated under this setup would refuse its call.
 */
async function addGlobexWebhook(page: Page, url: string): Promise<string> {
  await addWebhookInConsole(page, url);
  await (await openRowActions(page, page, url)).getByRole("menuitem", { name: `Delivery log of ${url}` }).click();
  await expect(page.getByRole("heading", { name: "Delivery log" })).toBeVisible();
  return page.url().split("/").pop()!;
}

/** Gus Globex's id, from the link to his page in API Management, which lists him once he has a key or a webhook. */
async function globexUserIdFrom(page: Page): Promise<string> {
  await page.goto(`/admin/api-management?q=${encodeURIComponent(PEOPLE.globex.email)}&access=all`);
  const href = await page.getByRole("link", { name: PEOPLE.globex.name, exact: true }).getAttribute("href");
  return href!.split("/").pop()!;
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  const admin = await pageFor(browser, "admin");
  const key = await createKey(admin, {
    name: uniqueName("Screens sweep integration for the north-east regional warehouse billing system"),
    // The longest tag there may be (40 characters).
    tags: ["billing", "warehouse-north-east-regional-billing-02", "screens"],
    policies: ["users:read", "keys:read", "audit:read", "webhooks:read"],
  });
  await admin.getByRole("tab", { name: "Access Codes" }).click();
  await admin.getByRole("button", { name: "Create access code" }).click();
  const dialog = admin.getByRole("dialog", { name: "Create access code" });
  await dialog.getByLabel("Description").fill("Next code for the warehouse billing integration, valid a few weeks");
  await dialog.getByLabel("Valid for (days)").fill("20");
  await dialog.getByRole("button", { name: "Save access code" }).click();
  const reveal = admin.getByRole("dialog", { name: /^Access code for / });
  await reveal.getByRole("button", { name: "Copy access code" }).click();
  await reveal.getByRole("button", { name: "Done" }).click();
  await expect(admin.getByRole("table", { name: "Access codes" }).getByRole("switch", { name: "Enabled" })).toHaveCount(2);

  for (let i = 0; i < 3; i++) expect((await admin.request.get("/api/v1/me", asKey(key.secret))).status()).toBe(200);
  // Access-log rows are written in batches: read the page afresh until the entry is listed.
  const details = admin.getByRole("link", { name: "Details of GET /api/v1/me" }).first();
  await expect
    .poll(async () => {
      await admin.goto(`/admin/access-logs?key=${key.keyId}`);
      return details.count();
    })
    .toBeGreaterThan(0);
  const accessLogId = (await details.getAttribute("href"))!.split("/").pop()!;

  const gus = await pageFor(browser, "globex");
  receiver = await startReceiver();
  const webhookId = await addGlobexWebhook(gus, `${receiver.url}/screens/${"long-path-segment-".repeat(4)}end`);
  await gus.getByRole("button", { name: "Send test event" }).click();
  await expect(gus.getByRole("table", { name: /^Attempts of / })).toBeVisible({ timeout: 20_000 });
  const globexUserId = await globexUserIdFrom(gus);

  data = { keyId: key.keyId, accessLogId, globexUserId, webhookId };
  await admin.context().close();
  await gus.context().close();
});

test.afterAll(async () => {
  await receiver?.close();
});

for (const person of Object.keys(PEOPLE) as PersonKey[]) {
  test.describe(`As ${PEOPLE[person].name}`, () => {
    test.use({ storageState: storageStateFor(person) });
    for (const consolePage of CONSOLE_PAGES.filter((p) => p.people.includes(person))) {
      for (const viewport of VIEWPORTS) {
        test(`${PEOPLE[person].name} sees ${consolePage.name} fit at ${viewport.name}, with every control in reach and nothing serious for axe`, async ({
          page,
        }) => {
          await page.setViewportSize({ width: viewport.width, height: viewport.height });
          await page.goto(consolePage.path(data));
          await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
          await expectTablesHydrated(page);
          const where = `${consolePage.name} at ${viewport.name} for ${person}`;

          expect.soft(await pageOverflow(page), `${where}: the page scrolls sideways`).toEqual([]);
          if (viewport.width === 1280) expect.soft(await controlsOutOfView(page), where).toEqual([]);
          expect.soft(await cutOff(page, viewport.width === 1280), `${where}: shown cut off`).toEqual([]);

          await expectNoSeriousViolations(page, `${where}, light`);
          await page.emulateMedia({ colorScheme: "dark" });
          await expectNoSeriousViolations(page, `${where}, dark`);
        });
      }
    }
  });
}

/** The reference renders in the browser after the page, in the page's colour scheme: wait for both. */
async function referenceRendered(page: Page) {
  await expect(page.getByRole("list", { name: "Webhooks endpoints" })).toBeVisible();
  const dark = await page.evaluate(() => matchMedia("(prefers-color-scheme: dark)").matches);
  await expect(page.locator("body")).toHaveClass(dark ? /\bdark-mode\b/ : /\blight-mode\b/);
}

/** The pages outside the console's frame, with whom they are seen by (null: signed out). */
const OTHER_PAGES: readonly { name: string; path: string; person: PersonKey | null; ready?: (page: Page) => Promise<void> }[] = [
  { name: "sign-in", path: "/login", person: null },
  { name: "sign-in after a failed single sign-on", path: "/login?error=Configuration", person: null },
  { name: "API reference", path: "/docs/api", person: null, ready: referenceRendered },
  { name: "sign-out", path: "/logout", person: "member" },
  { name: "page not found", path: "/admin/no-such-page", person: "member" },
  { name: "forbidden page", path: "/admin/settings", person: "member" },
];

for (const other of OTHER_PAGES) {
  test.describe(other.person ? `As ${PEOPLE[other.person].name}` : "Signed out", () => {
    test.use({ storageState: other.person ? storageStateFor(other.person) : { cookies: [], origins: [] } });
    for (const viewport of VIEWPORTS) {
      test(`The ${other.name} page fits at ${viewport.name}, with nothing serious for axe`, async ({ page }) => {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        await page.goto(other.path);
        await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
        await other.ready?.(page);
        const where = `${other.name} at ${viewport.name}`;
        expect.soft(await pageOverflow(page), `${where}: the page scrolls sideways`).toEqual([]);
        expect.soft(await cutOff(page, viewport.width === 1280), `${where}: shown cut off`).toEqual([]);
        await expectNoSeriousViolations(page, `${where}, light`);
        await page.emulateMedia({ colorScheme: "dark" });
        await other.ready?.(page);
        await expectNoSeriousViolations(page, `${where}, dark`);
      });
    }
  });
}

type Opener = (page: Page) => Promise<void>;
/** Opens a dialog with a button on the page. */
const button = (name: string | RegExp): Opener => (page) => page.getByRole("button", { name }).first().click();
/** Opens a dialog from a row's actions menu. */
const rowMenu = (row: RegExp, item: string | RegExp): Opener => async (page) => {
  await page.getByRole("button", { name: row }).first().click();
  await page.getByRole("menu").getByRole("menuitem", { name: item }).click();
};
const dialogNamed =
  (name: string | RegExp, role: "dialog" | "alertdialog" = "dialog") =>
  (page: Page) =>
    page.getByRole(role, { name });
const SCREENS_WEBHOOK = /^Actions for .*\/screens\/.*end$/;

/** The dialogs that open without changing anything, where they open, and for whom (the sweep's own key and webhook). */
const DIALOGS: readonly {
  name: string;
  person: PersonKey;
  path: (data: ScreensData) => string;
  open: Opener;
  dialog: (page: Page) => Locator;
}[] = [
  {
    name: "Create API key",
    person: "admin",
    path: () => "/admin/api-keys",
    open: button("Create API key"),
    dialog: dialogNamed("Create API key"),
  },
  {
    name: "Choose policies",
    person: "admin",
    path: () => "/admin/api-keys",
    open: async (page) => {
      await button("Create API key")(page);
      await page.getByRole("dialog", { name: "Create API key" }).getByRole("button", { name: "Choose policies" }).click();
    },
    dialog: dialogNamed("Choose policies"),
  },
  {
    name: "Link existing API key",
    person: "admin",
    path: () => "/admin/api-keys",
    open: button("Link existing API key"),
    dialog: dialogNamed("Link existing API key"),
  },
  {
    name: "Archive key",
    person: "admin",
    path: (d) => `/admin/api-keys/${d.keyId}`,
    open: button("Archive key"),
    dialog: dialogNamed(/^Archive .+\?$/),
  },
  {
    name: "Delete key",
    person: "admin",
    path: (d) => `/admin/api-keys/${d.keyId}`,
    open: button("Delete key"),
    dialog: dialogNamed(/^Delete .+\?$/),
  },
  {
    name: "Edit access code",
    person: "admin",
    path: (d) => `/admin/api-keys/${d.keyId}/access-codes`,
    open: rowMenu(/^Actions for access code /, "Edit description"),
    dialog: dialogNamed(/^Edit access code /),
  },
  {
    name: "Edit roles",
    person: "admin",
    path: () => "/admin/people",
    open: button(/^Edit roles for /),
    dialog: dialogNamed(/^Edit roles for /),
  },
  {
    name: "Event details",
    person: "admin",
    path: () => "/admin/audit-log",
    open: button(/^Details: /),
    dialog: dialogNamed("Event details"),
  },
  {
    name: "Add webhook",
    person: "admin",
    path: () => "/profile/api-access",
    open: button("Add webhook"),
    dialog: dialogNamed("Add webhook"),
  },
  {
    name: "Roll signing secret",
    person: "globex",
    path: () => "/profile/api-access",
    open: rowMenu(SCREENS_WEBHOOK, "Roll signing secret"),
    dialog: dialogNamed(/^Roll the signing secret of /),
  },
  {
    name: "Delete webhook",
    person: "globex",
    path: () => "/profile/api-access",
    open: rowMenu(SCREENS_WEBHOOK, /^Delete webhook /),
    dialog: dialogNamed("Delete this webhook?", "alertdialog"),
  },
];

for (const dialogCase of DIALOGS) {
  test.describe(`As ${PEOPLE[dialogCase.person].name}`, () => {
    test.use({ storageState: storageStateFor(dialogCase.person) });
    for (const viewport of VIEWPORTS) {
      test(`The ${dialogCase.name} dialog fits at ${viewport.name}, every control in reach, with nothing serious for axe`, async ({
        page,
      }) => {
        await page.setViewportSize({ width: viewport.width, height: viewport.height });
        await page.goto(dialogCase.path(data));
        await expectTablesHydrated(page);
        await dialogCase.open(page);
        const dialog = dialogCase.dialog(page);
        await expect(dialog).toBeVisible();
        const where = `${dialogCase.name} at ${viewport.name}`;

        expect.soft(await dialogOutOfFrame(dialog), `${where}: out of frame`).toEqual([]);
        expect.soft(await pageOverflow(page), `${where}: the page scrolls sideways`).toEqual([]);
        expect.soft(await cutOff(page, false), `${where}: shown cut off`).toEqual([]);
        const last = dialog.getByRole("button").last();
        await last.scrollIntoViewIfNeeded();
        await expect.soft(last, `${where}: its last button can be scrolled to`).toBeInViewport();

        await expectNoSeriousViolations(page, `${where}, light`);
        await page.emulateMedia({ colorScheme: "dark" });
        await expectNoSeriousViolations(page, `${where}, dark`);
      });
    }
  });
}
