#!/usr/bin/env node
// `npm run bench:pages`: the JavaScript each console page makes the browser load, measured in a real browser on the
// production build with the seeded demo, beside two blank pages of the same app: the console's "not found" (the
// console's shell around nothing: what every console page starts from) and the app's bare 404 (the root layout
// alone). Then the JavaScript that opening a dialog adds, which should load only when it is opened.
// Budget: Account Settings and API Keys within 1.25× the console's blank page. Sizes are gzip-compressed (as Next.js used to
// report First Load JS) and as parsed.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "@playwright/test";
import { buildIfStale } from "../scripts/build-if-stale.mjs";
import { freePort } from "../scripts/free-port.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const BUDGET = 1.25;
const PAGES = [
  ["Profile", "/profile"],
  ["Account Settings", "/profile/account-settings"],
  ["API Access", "/profile/api-access"],
  ["API Keys", "/admin/api-keys"],
  ["API Management", "/admin/api-management"],
  ["Access Logs", "/admin/access-logs"],
  ["Audit Log", "/admin/audit-log"],
  ["People", "/admin/people"],
  ["Settings", "/admin/settings"],
];
const BUDGETED = new Set(["Account Settings", "API Keys"]);
/** Dialogs whose code should arrive only when opened: page, the button that opens it. */
const DIALOGS = [
  ["/profile/account-settings", "Generate API credentials"],
  ["/admin/api-keys", "Create API key"],
  ["/profile/api-access", "Enable API access"],
];

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", DATABASE_URL: "" };
buildIfStale(env);

const parent = mkdtempSync(path.join(os.tmpdir(), "keyward-pages-"));
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const server = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], {
  cwd: root,
  env: { ...env, PORT: String(port), PGLITE_DATA_DIR: path.join(parent, "pglite"), AUTH_SECRET: randomBytes(32).toString("base64url") },
  stdio: ["ignore", "ignore", "inherit"],
});

const executablePath = ["/usr/bin/chromium", "/usr/bin/chromium-browser"].find(existsSync);
let browser;
let exitCode = 0;
try {
  for (const deadline = Date.now() + 240_000; ; ) {
    const up = await fetch(`${base}/api/health`).then((r) => r.ok, () => false);
    if (up) break;
    if (Date.now() > deadline) throw new Error("Keyward did not start in time.");
    await new Promise((r) => setTimeout(r, 250));
  }
  browser = await chromium.launch({ executablePath, args: ["--no-sandbox", "--disable-gpu", "--no-first-run"] });
  // Gus Globex is an Administrator and an Office Lead: every page and every dialog is his to open.
  const context = await browser.newContext({ baseURL: base });
  const page = await context.newPage();
  await page.goto("/login");
  await page.getByLabel("Email").fill("admin@globex.test");
  await page.getByLabel("Password").fill("keyward-demo");
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/profile$/);

  /** The scripts a fresh browser context loads for `url` (nothing cached), gzipped and as parsed, in KiB. */
  async function scriptsOf(url, after) {
    const fresh = await browser.newContext({ baseURL: base, storageState: await context.storageState() });
    const tab = await fresh.newPage();
    const responses = [];
    tab.on("response", (response) => {
      if (response.request().resourceType() === "script") responses.push(response);
    });
    // First-load JavaScript is what arrives by the load event; the links' prefetches come after it, while idle.
    await tab.goto(url, { waitUntil: "load" });
    const loaded = responses.length;
    await tab.waitForLoadState("networkidle");
    const settled = responses.length;
    if (after) await after(tab);
    const measure = async (list) => {
      let sent = 0;
      let parsed = 0;
      for (const response of list) {
        const body = await response.body();
        sent += gzipSync(body).length;
        parsed += body.length;
      }
      return { sent: sent / 1024, parsed: parsed / 1024 };
    };
    const result = { page: await measure(responses.slice(0, loaded)), opened: await measure(responses.slice(settled)) };
    await fresh.close();
    return result;
  }

  const blank = (await scriptsOf("/admin/access-logs/no-such-entry")).page;
  console.log(`\nFirst-load JavaScript, production build (${base}), KiB gzipped / parsed\n`);
  console.log(["page".padEnd(24), "gzipped".padStart(8), "parsed".padStart(8), "× blank".padStart(8)].join(" "));
  const row = (name, js) =>
    console.log([name.padEnd(24), js.sent.toFixed(0).padStart(8), js.parsed.toFixed(0).padStart(8), `${(js.sent / blank.sent).toFixed(2)}×`.padStart(8)].join(" "));
  row("blank console page", blank);
  row("bare 404 (root layout)", (await scriptsOf("/a-page-that-does-not-exist")).page);
  const verdicts = [];
  for (const [name, url] of PAGES) {
    const { page: js } = await scriptsOf(url);
    row(name, js);
    const ratio = js.sent / blank.sent;
    if (BUDGETED.has(name)) verdicts.push([`${name} within ${BUDGET}× the blank console page`, ratio <= BUDGET, ratio]);
  }

  console.log("\nJavaScript loaded when a dialog opens (KiB gzipped)\n");
  for (const [url, button] of DIALOGS) {
    const { opened } = await scriptsOf(url, async (tab) => {
      await tab.getByRole("button", { name: button, exact: true }).first().click();
      await tab.getByRole("dialog").waitFor();
      await tab.waitForLoadState("networkidle");
    });
    console.log(`${`${url} → ${button}`.padEnd(56)} ${opened.sent.toFixed(1).padStart(7)}`);
  }
  console.log("");
  for (const [what, holds, ratio] of verdicts) console.log(`${holds ? "✔" : "✖"} ${what}: ${ratio.toFixed(2)}×`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  await browser?.close();
  server.kill("SIGTERM");
  await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.once("exit", resolve)));
  rmSync(parent, { recursive: true, force: true });
}
process.exit(exitCode);
