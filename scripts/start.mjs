#!/usr/bin/env node
// `npm start`: builds when the build is missing or older than the sources, then runs `next start`.
import { spawn } from "node:child_process";
import { constants } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildIfStale } from "./build-if-stale.mjs";
import { NEXT_BIN } from "./next-bin.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
if (!env.AUTH_TRUST_HOST) env.AUTH_TRUST_HOST = "true";

buildIfStale(env);

const port = process.env.PORT || "3000";
// V8's memory reducer shrinks the heap a few seconds after load stops, and the server then collects garbage often
// until the heap has grown back: the first seconds of calls after a quiet spell were answered at 0.6-0.85x the
// steady pace. A credential check serves bursts, so the heap stays at its working size (V8 flags are refused in
// NODE_OPTIONS, hence on the command line).
const child = spawn(process.execPath, ["--no-memory-reducer", NEXT_BIN, "start", "-p", port], { cwd: root, stdio: "inherit", env });

for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
  });
}
child.on("error", (err) => {
  console.error(`Could not start next: ${err.message}`);
  process.exit(1);
});
child.on("exit", (code, signal) => {
  process.exit(code ?? 128 + (constants.signals[signal] ?? 1));
});
