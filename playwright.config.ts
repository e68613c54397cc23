import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";

// Playwright evaluates this file in the runner and again in every worker. The runner picks the port, the database
// directory and the secret once and keeps them in environment variables, which the workers inherit, so all agree.

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

if (!process.env.KEYWARD_E2E_PORT) {
  process.env.KEYWARD_E2E_PORT = String(await freePort());
}
if (!process.env.KEYWARD_E2E_PGLITE_DIR) {
  // A fresh throwaway database for every run, never `.data/`. PGlite creates the `pglite` folder itself (its mkdir
  // is not recursive, hence the parent); the app keeps its lock file next to it, inside the same temporary folder.
  const parent = mkdtempSync(path.join(os.tmpdir(), "keyward-e2e-"));
  process.env.KEYWARD_E2E_PGLITE_DIR = path.join(parent, "pglite");
  // Only the process that made the folder removes it, after the web server has been stopped.
  process.on("exit", () => rmSync(parent, { recursive: true, force: true }));
}
if (!process.env.KEYWARD_E2E_AUTH_SECRET) {
  process.env.KEYWARD_E2E_AUTH_SECRET = randomBytes(32).toString("base64url");
}

const port = Number(process.env.KEYWARD_E2E_PORT);
const baseURL = `http://localhost:${port}`;

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  workers: 2,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    permissions: ["clipboard-read", "clipboard-write"],
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH || "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [
    { name: "setup", testMatch: "auth.setup.ts", use: { ...devices["Desktop Chrome"] } },
    { name: "e2e", dependencies: ["setup"], use: { ...devices["Desktop Chrome"] } },
  ],
  webServer: {
    // Runs the production build: `npm test` builds first (`next build`).
    command: `node_modules/.bin/next start -p ${port}`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 120_000,
    stdout: "pipe",
    stderr: "pipe",
    env: {
      NEXT_TELEMETRY_DISABLED: "1",
      // Empty counts as unset: the embedded PGlite with its demo data, even when the shell has a DATABASE_URL.
      DATABASE_URL: "",
      AUTH_SECRET: process.env.KEYWARD_E2E_AUTH_SECRET,
      AUTH_TRUST_HOST: "true",
      PGLITE_DATA_DIR: process.env.KEYWARD_E2E_PGLITE_DIR,
      KEYWARD_WEBHOOK_ALLOW_PRIVATE: "1",
      KEYWARD_WEBHOOK_RETRY_SCHEDULE: "1,2,4",
    },
  },
});
