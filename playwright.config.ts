import { generateKeyPairSync, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { defineConfig, devices } from "@playwright/test";
import { freePort } from "./scripts/free-port.mjs";

// Playwright evaluates this file in the runner and again in every worker. The runner picks the port, the database
// directory and the secret once and keeps them in environment variables, which the workers inherit, so all agree.

for (const name of ["KEYWARD_E2E_PORT", "KEYWARD_E2E_DIRECT_PORT", "KEYWARD_E2E_OIDC_PORT"]) {
  process.env[name] ??= String(await freePort());
}
for (const name of ["KEYWARD_E2E_PGLITE_DIR", "KEYWARD_E2E_DIRECT_PGLITE_DIR"]) {
  if (process.env[name]) continue;
  // A fresh throwaway database for every run, never `.data/`. PGlite creates the `pglite` folder itself (its mkdir
  // is not recursive, hence the parent); the app keeps its lock file next to it, inside the same temporary folder.
  const parent = mkdtempSync(path.join(os.tmpdir(), "keyward-e2e-"));
  process.env[name] = path.join(parent, "pglite");
  // Only the process that made the folder removes it, after the web servers have been stopped.
  process.on("exit", () => rmSync(parent, { recursive: true, force: true }));
}
process.env.KEYWARD_E2E_AUTH_SECRET ??= randomBytes(32).toString("base64url");
process.env.KEYWARD_E2E_OIDC_CLIENT_SECRET ??= randomBytes(24).toString("base64url");
process.env.KEYWARD_E2E_OIDC_CLIENT_ID = "keyward-e2e";
if (!process.env.KEYWARD_E2E_SCANNING_PRIVATE_KEY) {
  // The secret-scanning partner of the tests: the server trusts its public key, the tests sign with the private one.
  const { privateKey, publicKey } = generateKeyPairSync("ec", { namedCurve: "P-256" });
  process.env.KEYWARD_E2E_SCANNING_PRIVATE_KEY = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  process.env.KEYWARD_E2E_SCANNING_PUBLIC_KEY = publicKey.export({ type: "spki", format: "pem" }).toString();
}

const setting = (name: string) => process.env[name] as string;
const port = Number(process.env.KEYWARD_E2E_PORT);
const baseURL = `http://localhost:${port}`;
const oidcIssuer = `http://127.0.0.1:${process.env.KEYWARD_E2E_OIDC_PORT}`;

/** What every Keyward server under test gets; empty strings count as unset. */
const KEYWARD_ENV = {
  NEXT_TELEMETRY_DISABLED: "1",
  // The embedded PGlite with its demo data, even when the shell has a DATABASE_URL.
  DATABASE_URL: "",
  AUTH_SECRET: setting("KEYWARD_E2E_AUTH_SECRET"),
  AUTH_TRUST_HOST: "true",
  KEYWARD_WEBHOOK_ALLOW_PRIVATE: "1",
  KEYWARD_WEBHOOK_RETRY_SCHEDULE: "1,2,4",
  KEYWARD_TRUSTED_PROXIES: "",
  KEYWARD_SECRET_SCANNING_PUBLIC_KEYS: setting("KEYWARD_E2E_SCANNING_PUBLIC_KEY"),
  AUTH_OIDC_ISSUER: "",
  AUTH_OIDC_CLIENT_ID: "",
  AUTH_OIDC_CLIENT_SECRET: "",
};

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
    {
      name: "e2e",
      dependencies: ["setup"],
      use: { ...devices["Desktop Chrome"] },
      testIgnore: ["**/fuzz.spec.ts", "**/keyboard.spec.ts"],
    },
    {
      // Keyboard-only flows over the same company credentials and personal keys as other specs: after them, alone.
      name: "keyboard",
      dependencies: ["setup", "e2e"],
      testMatch: "**/keyboard.spec.ts",
      use: { ...devices["Desktop Chrome"] },
    },
    {
      // The fuzzing suite comes last, once no other spec shares the server: it turns on Acme's write policies for
      // its duration and keeps the server busy. `npm run test:fuzz` runs it alone.
      name: "fuzz",
      dependencies: process.env.KEYWARD_FUZZ ? ["setup"] : ["setup", "e2e", "keyboard"],
      testMatch: "**/fuzz.spec.ts",
      use: { ...devices["Desktop Chrome"] },
    },
  ],
  webServer: [
    {
      // A real OpenID Provider on loopback for single sign-on (e2e/support/oidc-provider.mjs).
      command: "node e2e/support/oidc-provider.mjs",
      url: `${oidcIssuer}/.well-known/openid-configuration`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
      stderr: "pipe",
    },
    {
      // Runs the production build: `npm test` builds first (`next build`). The test runner stands where a load
      // balancer would: loopback is a trusted proxy, so a test may say which client address it comes from with
      // X-Forwarded-For, as the balancer would.
      command: `node_modules/.bin/next start -p ${port}`,
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: {
        ...KEYWARD_ENV,
        PGLITE_DATA_DIR: setting("KEYWARD_E2E_PGLITE_DIR"),
        KEYWARD_TRUSTED_PROXIES: "127.0.0.1,::1",
        AUTH_OIDC_ISSUER: oidcIssuer,
        AUTH_OIDC_CLIENT_ID: setting("KEYWARD_E2E_OIDC_CLIENT_ID"),
        AUTH_OIDC_CLIENT_SECRET: setting("KEYWARD_E2E_OIDC_CLIENT_SECRET"),
        AUTH_OIDC_NAME: "Keyward Test ID",
      },
    },
    {
      // The same build reached directly, with no proxy configured: e2e/client-address.spec.ts shows that a client's
      // own X-Forwarded-For counts for nothing there.
      command: `node_modules/.bin/next start -p ${process.env.KEYWARD_E2E_DIRECT_PORT}`,
      url: `http://localhost:${process.env.KEYWARD_E2E_DIRECT_PORT}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      stdout: "pipe",
      stderr: "pipe",
      env: { ...KEYWARD_ENV, PGLITE_DATA_DIR: setting("KEYWARD_E2E_DIRECT_PGLITE_DIR") },
    },
  ],
});
