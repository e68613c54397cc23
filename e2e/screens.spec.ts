import type { Browser, Page } from "@playwright/test";
import { expect, PEOPLE, storageStateFor, test, type PersonKey } from "./fixtures";
import { asKey } from "./personal-key";
import { createKey, uniqueName } from "./support/api-keys";
import { expectNoSeriousViolations } from "./support/axe";
import { CONSOLE_PAGES, type ScreensData } from "./support/console-pages";
import { expectTablesHydrated } from "./support/hydration";
import { openRowActions } from "./support/row-actions";
import { addWebhookInConsole } from "./support/webhooks";
import { startReceiver, type Receiver } from "./webhook-receiver";

// Every console page, for every demo person who may see it, at a desktop and a phone size: the page never scrolls
// sideways, the first row's controls are in view at 1280 px, and axe finds nothing serious in light or dark. One
// load per (page, person, size) with every check on it; the tests of a file share a worker, so the data is made once.

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
    tags: ["billing", "warehouse-north-east", "screens"],
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

/** Where the first body row's controls of each table lie outside the viewport or outside the table's visible frame. */
async function controlsOutOfView(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    for (const table of document.querySelectorAll("table")) {
      const row = table.querySelector("tbody tr");
      const frame = table.closest("[data-slot=table-container]") ?? table;
      const visible = frame.getBoundingClientRect();
      for (const control of row?.querySelectorAll<HTMLElement>("button, a, [role=switch], input") ?? []) {
        const box = control.getBoundingClientRect();
        if (box.width === 0 && box.height === 0) continue;
        const name = control.getAttribute("aria-label") ?? control.textContent?.trim() ?? control.tagName;
        if (box.left < 0 || box.right > window.innerWidth) problems.push(`${name}: outside the viewport`);
        else if (box.left < visible.left - 1 || box.right > visible.right + 1) problems.push(`${name}: outside the table frame`);
      }
    }
    return problems;
  });
}

/**
 * Nothing when the page does not scroll sideways; otherwise its width and the outermost elements that stick out
 * past the window's right edge, so a failure says what to fix.
 */
async function pageOverflow(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.scrollWidth;
    if (width <= window.innerWidth) return [];
    const sticksOut = (element: Element) => element.getBoundingClientRect().right > window.innerWidth + 1;
    // What a container inside the window clips (a visually hidden header row, a scrolling table) widens nothing.
    const clipped = (element: Element) => {
      for (let up = element.parentElement; up; up = up.parentElement) {
        if (getComputedStyle(up).overflowX !== "visible" && !sticksOut(up)) return true;
      }
      return false;
    };
    const describe = (element: Element) =>
      [
        element.tagName.toLowerCase(),
        element.getAttribute("role") ?? "",
        element.getAttribute("aria-label") ?? element.getAttribute("data-slot") ?? "",
        (element.textContent ?? "").trim().slice(0, 40),
      ].join(" ");
    const outermost = [...document.body.querySelectorAll("*")].filter(
      (element) => sticksOut(element) && !(element.parentElement && sticksOut(element.parentElement)) && !clipped(element),
    );
    return [`page ${width}px wide in a ${window.innerWidth}px window`, ...outermost.slice(0, 5).map(describe)];
  });
}

/**
 * What the page shows cut off, or out of place, that a layout may get wrong without scrolling sideways: a select too
 * narrow for its chosen option, the current tab outside its strip, a crumb cut with room to spare or the current
 * page's cut shorter than one above it, a phone's card without its frame, and (when `wide`) a table that scrolls
 * sideways in a desktop window.
 */
async function cutOff(page: Page, wide: boolean): Promise<string[]> {
  return page.evaluate((wide) => {
    const problems: string[] = [];
    const shown = (element: Element) => element.getClientRects().length > 0;
    const context = document.createElement("canvas").getContext("2d")!;
    for (const select of document.querySelectorAll("select")) {
      if (!shown(select)) continue;
      const style = getComputedStyle(select);
      context.font = style.font;
      const text = select.selectedOptions[0]?.text ?? "";
      const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      if (context.measureText(text).width > room + 1) problems.push(`select ${select.id || select.name}: "${text}" is cut off`);
    }
    for (const tab of document.querySelectorAll('[role="tab"][aria-selected="true"]')) {
      const strip = tab.closest('[role="tablist"]')!.getBoundingClientRect();
      const box = tab.getBoundingClientRect();
      if (box.left < Math.max(0, strip.left) - 1 || box.right > Math.min(window.innerWidth, strip.right) + 1) {
        problems.push(`tab ${tab.textContent?.trim()}: selected but out of view`);
      }
    }
    const above = [...document.querySelectorAll<HTMLElement>('nav[aria-label="Breadcrumb"] li a')].filter(shown);
    for (const crumb of above) {
      if (crumb.clientWidth < 24 && crumb.scrollWidth > crumb.clientWidth) problems.push(`breadcrumb ${crumb.textContent}: squeezed away`);
    }
    const current = document.querySelector<HTMLElement>('nav[aria-label="Breadcrumb"] [aria-current="page"]');
    const trail = current?.closest("ol")?.getBoundingClientRect();
    // The name menu: the header's last menu button (the first, a phone's navigation, is hidden on a desktop).
    const menu = [...document.querySelectorAll("header button[aria-haspopup]")].filter(shown).at(-1)?.getBoundingClientRect();
    const cut = [...above, ...(current ? [current] : [])].filter((crumb) => crumb.scrollWidth > crumb.clientWidth + 1);
    if (trail && menu && menu.left - trail.right > 48 && cut.length > 0) {
      problems.push(`breadcrumb ${cut[0]!.textContent}: cut although the header has ${Math.round(menu.left - trail.right)}px to spare`);
    }
    if (current && current.scrollWidth > current.clientWidth + 1) {
      const wider = above.find((crumb) => crumb.clientWidth > current.clientWidth);
      if (wider) problems.push(`breadcrumb ${current.textContent}: cut to ${current.clientWidth}px beside ${wider.textContent} (${wider.clientWidth}px)`);
    }
    for (const row of document.querySelectorAll("tbody tr")) {
      if (getComputedStyle(row).display === "grid" && parseFloat(getComputedStyle(row).borderTopWidth) === 0) {
        problems.push(`a card of ${row.closest("table")?.getAttribute("aria-label")} has no frame`);
      }
    }
    if (wide) {
      for (const frame of document.querySelectorAll<HTMLElement>("[data-slot=table-container]")) {
        if (frame.scrollWidth > frame.clientWidth + 1) {
          problems.push(`table ${frame.querySelector("table")?.getAttribute("aria-label")}: scrolls sideways (${frame.scrollWidth}px in ${frame.clientWidth}px)`);
        }
      }
    }
    return problems;
  }, wide);
}

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
