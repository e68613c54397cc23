#!/usr/bin/env node
// `npm test`: every check the project has, in order, stopping at the first failure with its exit code.
import { spawn } from "node:child_process";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { NEXT_BIN } from "./next-bin.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const bin = (name) => path.join(root, "node_modules", ".bin", name);

const steps = [
  { title: "Type check (tsc --noEmit)", cmd: bin("tsc"), args: ["--noEmit"] },
  { title: "Lint (eslint --max-warnings 0 .)", cmd: bin("eslint"), args: ["--max-warnings", "0", "."] },
  { title: "Unit tests (vitest run)", cmd: bin("vitest"), args: ["run"] },
  { title: "Production build (next build)", cmd: process.execPath, args: [NEXT_BIN, "build"] },
  { title: "Chromium for Playwright", cmd: process.execPath, args: [path.join(root, "scripts", "ensure-chromium.mjs")] },
  { title: "End-to-end tests (playwright test)", cmd: bin("playwright"), args: ["test"] },
];

function run(step) {
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, {
      cwd: root,
      stdio: "inherit",
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" },
    });
    child.on("error", (err) => {
      console.error(`Could not start ${step.cmd}: ${err.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => resolve(code ?? 128 + (constants.signals[signal] ?? 1)));
  });
}

const started = Date.now();
for (const [i, step] of steps.entries()) {
  const banner = `▶ [${i + 1}/${steps.length}] ${step.title}`;
  console.log(`\n${"=".repeat(banner.length)}\n${banner}\n${"=".repeat(banner.length)}`);
  const t = Date.now();
  const code = await run(step);
  if (code !== 0) {
    console.error(`\n✖ Step ${i + 1}/${steps.length} failed (${step.title}) with exit code ${code}.`);
    process.exit(code);
  }
  console.log(`✔ ${step.title} (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}
console.log(`\n✔ All ${steps.length} steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
