#!/usr/bin/env node
// `npm run screenshots [-- --base-url http://localhost:3000]`: signs in as the demo Administrator and saves
// docs/screenshots/console-light.png and console-dark.png (1280×800) of the API Keys page, for the README.
// Without a base URL it starts the production build on a free port with a fresh embedded demo database, and stops
// it afterwards; `next build` must have run.
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "@playwright/test";
import { NEXT_BIN } from "./next-bin.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "docs", "screenshots");
const argIndex = process.argv.indexOf("--base-url");
const given = argIndex === -1 ? undefined : process.argv[argIndex + 1];

async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

async function waitForHealth(baseUrl, server) {
  for (let attempt = 0; attempt < 120; attempt += 1) {
    if (server.exitCode !== null) throw new Error(`the server stopped (exit ${server.exitCode})`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`${baseUrl} did not become healthy`);
}

async function startDemo() {
  const port = await freePort();
  const parent = mkdtempSync(path.join(os.tmpdir(), "keyward-screenshots-"));
  const server = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port)], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      AUTH_TRUST_HOST: "true",
      DATABASE_URL: "",
      PGLITE_DATA_DIR: path.join(parent, "pglite"),
    },
  });
  const baseUrl = `http://localhost:${port}`;
  const stop = () => {
    if (server.exitCode === null) server.kill("SIGTERM");
    rmSync(parent, { recursive: true, force: true });
  };
  try {
    await waitForHealth(baseUrl, server);
  } catch (error) {
    stop();
    throw error;
  }
  return { baseUrl, stop };
}

const demo = given ? { baseUrl: given.replace(/\/$/, ""), stop: () => {} } : await startDemo();
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium", args: ["--no-sandbox"] });
try {
  mkdirSync(out, { recursive: true });
  for (const colorScheme of ["light", "dark"]) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, colorScheme });
    const page = await context.newPage();
    await page.goto(`${demo.baseUrl}/login`);
    await page.getByLabel("Email").fill("admin@acme.test");
    await page.getByLabel("Password").fill("keyward-demo");
    await page.getByRole("button", { name: "Sign in", exact: true }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.goto(`${demo.baseUrl}/admin/api-keys`);
    await page.getByRole("heading", { level: 1, name: "API Keys" }).waitFor();
    const file = path.join(out, `console-${colorScheme}.png`);
    await page.screenshot({ path: file });
    console.log(`saved ${path.relative(root, file)}`);
    await context.close();
  }
} finally {
  await browser.close();
  demo.stop();
}
