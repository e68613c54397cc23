#!/usr/bin/env node
// `npm run bench`: GET /api/v1/me with X-API-Key at 16 connections (autocannon) against the production server on a
// fresh seeded embedded database — Keyward's full path (authenticator, policies, access log, last used) side by side
// with a floor: a minimal route handler in the same server that only hashes the key and does one indexed lookup.
// Then the same with an invalid key. BENCH_SECONDS (default 10) sets each run's length.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const seconds = Number(process.env.BENCH_SECONDS || 10);
const connections = 16;

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

const parent = mkdtempSync(path.join(os.tmpdir(), "keyward-bench-"));
const dataDir = path.join(parent, "pglite");
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  NEXT_TELEMETRY_DISABLED: "1",
  NODE_ENV: "production",
  DATABASE_URL: "",
  PGLITE_DATA_DIR: dataDir,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  AUTH_TRUST_HOST: "true",
  PORT: String(port),
  KEYWARD_BENCH_FLOOR: "1",
};

console.log("Preparing a seeded embedded database with one API key…");
const prepared = spawnSync(
  process.execPath,
  ["--conditions", "react-server", "--import", "tsx", path.join(root, "bench", "prepare.ts"), dataDir],
  { cwd: root, env, encoding: "utf8" },
);
if (prepared.status !== 0) {
  console.error(prepared.stderr || prepared.stdout);
  process.exit(1);
}
const { keyId, secret } = JSON.parse(prepared.stdout.trim().split("\n").pop());
const invalid = "kwak_" + "A".repeat(30) + "000000";

console.log(`Starting the production server on ${base} (builds first if the build is stale)…`);
const server = spawn(process.execPath, [path.join(root, "scripts", "start.mjs")], { cwd: root, env, stdio: ["ignore", "inherit", "inherit"] });
let stopping = false;
server.on("exit", (code) => {
  if (!stopping) {
    console.error(`The server stopped unexpectedly (${code}).`);
    process.exit(1);
  }
});

async function waitForHealth() {
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline) {
    try {
      if ((await fetch(`${base}/api/health`)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error("The server did not become healthy in time.");
}

function run(url, key, duration) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, headers: { "x-api-key": key } }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

let exitCode = 0;
try {
  await waitForHealth();
  const me = await fetch(`${base}/api/v1/me`, { headers: { "x-api-key": secret } });
  if (me.status !== 200) throw new Error(`GET /api/v1/me answered ${me.status}`);
  const floorCheck = await fetch(`${base}/api/bench-floor`, { headers: { "x-api-key": secret } });
  if (floorCheck.status !== 200) throw new Error(`The floor route answered ${floorCheck.status}`);

  console.log(`Key ${keyId}. Warming up…`);
  await run(`${base}/api/v1/me`, secret, 3);
  await run(`${base}/api/bench-floor`, secret, 3);

  const scenarios = [
    ["Keyward GET /api/v1/me, valid key", `${base}/api/v1/me`, secret],
    ["Floor (hash + one lookup), valid key", `${base}/api/bench-floor`, secret],
    ["Keyward GET /api/v1/me, invalid key", `${base}/api/v1/me`, invalid],
    ["Floor (hash + one lookup), invalid key", `${base}/api/bench-floor`, invalid],
  ];
  const results = [];
  for (const [label, url, key] of scenarios) {
    process.stdout.write(`  ${label} (${seconds} s)… `);
    const r = await run(url, key, seconds);
    const row = {
      label,
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      responses: r.requests.total,
      non2xx: r.non2xx,
      errors: r.errors + r.timeouts,
    };
    results.push(row);
    console.log(`${row.rps.toFixed(0)} req/s`);
  }

  console.log(`\nautocannon, ${connections} connections, ${seconds} s each, ${os.cpus().length} CPU(s), Node ${process.version}\n`);
  console.log(
    ["scenario".padEnd(42), "req/s".padStart(8), "p50 ms".padStart(8), "p99 ms".padStart(8), "non-2xx".padStart(9), "errors".padStart(7)].join(" "),
  );
  for (const r of results) {
    console.log(
      [
        r.label.padEnd(42),
        r.rps.toFixed(0).padStart(8),
        String(r.p50).padStart(8),
        String(r.p99).padStart(8),
        String(r.non2xx).padStart(9),
        String(r.errors).padStart(7),
      ].join(" "),
    );
  }
  console.log("");
  for (const [k, f, what] of [
    [results[0], results[1], "valid key"],
    [results[2], results[3], "invalid key"],
  ]) {
    const rpsRatio = k.rps / f.rps;
    const p99Ratio = k.p99 / Math.max(f.p99, 1);
    const ok = rpsRatio >= 0.8 && p99Ratio <= 1.5;
    console.log(
      `${what}: Keyward at ${rpsRatio.toFixed(2)}× the floor's req/s (target ≥ 0.80), p99 ${p99Ratio.toFixed(2)}× (target ≤ 1.50) ${ok ? "✔" : "✖"}`,
    );
  }
  if (results.some((r) => r.errors > 0)) {
    console.log("Some requests failed at the socket level: see the errors column.");
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  stopping = true;
  // SIGTERM: a clean shutdown, which also flushes the access log's last batch.
  server.kill("SIGTERM");
  await new Promise((resolve) => (server.exitCode !== null ? resolve() : server.once("exit", resolve)));
  rmSync(parent, { recursive: true, force: true });
}
process.exit(exitCode);
