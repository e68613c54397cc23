#!/usr/bin/env node
// Makes sure a Chromium for Playwright exists: Debian's package, or the binary named by CHROMIUM_PATH.
// No `playwright install`: the machine has apt but no access to Playwright's download host.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

const chromium = process.env.CHROMIUM_PATH || "/usr/bin/chromium";

if (existsSync(chromium)) {
  console.log(`Chromium found: ${chromium}`);
  process.exit(0);
}

if (process.env.CHROMIUM_PATH) {
  console.error(`CHROMIUM_PATH is set to ${chromium}, which does not exist.`);
  process.exit(1);
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
if (!isRoot) {
  console.error(
    `Chromium is missing (${chromium}). Install Debian's package as root:\n` +
      "  apt-get update && apt-get install -y chromium\n" +
      "or point CHROMIUM_PATH at an existing Chromium binary.",
  );
  process.exit(1);
}

for (const args of [["update"], ["install", "-y", "chromium"]]) {
  console.log(`$ apt-get ${args.join(" ")}`);
  const result = spawnSync("apt-get", args, {
    stdio: "inherit",
    env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
  });
  if (result.error) {
    console.error(`Could not run apt-get: ${result.error.message}`);
    process.exit(1);
  }
  if (result.status !== 0) process.exit(result.status ?? 1);
}

if (!existsSync(chromium)) {
  console.error(`apt-get finished but ${chromium} still does not exist.`);
  process.exit(1);
}
console.log(`Chromium installed: ${chromium}`);
