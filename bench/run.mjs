#!/usr/bin/env node
// `npm run bench`: GET /api/v1/me with X-API-Key at 16 connections (autocannon) against the production server on a
// fresh seeded embedded database — Keyward's full path (authenticator, policies, access log, last used) side by side
// with a floor: a minimal route handler in the same server that only hashes the key and does one indexed lookup.
// Then the same with an invalid key (well-formed, checksum right, known nowhere), each request from an address of its
// own: one address would be answered 429 after 30 refused credentials a minute, which is not the path to measure.
// BENCH_SECONDS (default 10) sets each run's length, BENCH_ROUNDS (default 2) the number of alternating rounds.
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
const rounds = Number(process.env.BENCH_ROUNDS || 2);
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
  // The bench stands where a load balancer would, so the invalid-key runs can say which address they come from.
  KEYWARD_TRUSTED_PROXIES: "127.0.0.1,::1",
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
const { keyId, secret, unknown: invalid } = JSON.parse(prepared.stdout.trim().split("\n").pop());

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

let address = 0;
/** The next address of the benchmarking range 198.18.0.0/15, for the X-Forwarded-For of one request. */
function nextAddress() {
  address = (address + 1) % 131072;
  return `198.${18 + (address >> 16)}.${(address >> 8) & 255}.${address & 255}`;
}

function run(url, key, duration, manyAddresses = false) {
  const requests = manyAddresses
    ? [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, "x-forwarded-for": nextAddress() } }) }]
    : undefined;
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, headers: { "x-api-key": key }, requests }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

let exitCode = 0;
let keywardValid = 0;
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
  // Rounds alternate the order of Keyward and floor, so a neighbour's load on a shared machine hits both alike.
  const runs = scenarios.map(() => []);
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [0, 1, 3, 2] : [1, 0, 2, 3];
    for (const i of order) {
      const [label, url, key] = scenarios[i];
      process.stdout.write(`  round ${round + 1}: ${label} (${seconds} s)… `);
      const r = await run(url, key, seconds, key === invalid);
      runs[i].push(r);
      if (i === 0) keywardValid += r.requests.total;
      console.log(`${r.requests.average.toFixed(0)} req/s`);
    }
  }
  const mean = (values) => values.reduce((a, b) => a + b, 0) / values.length;
  const results = scenarios.map(([label], i) => ({
    label,
    rps: mean(runs[i].map((r) => r.requests.average)),
    p50: mean(runs[i].map((r) => r.latency.p50)),
    p99: mean(runs[i].map((r) => r.latency.p99)),
    non2xx: runs[i].reduce((n, r) => n + r.non2xx, 0),
    errors: runs[i].reduce((n, r) => n + r.errors + r.timeouts, 0),
  }));

  console.log(`\nautocannon, ${connections} connections, ${rounds} × ${seconds} s each (means), ${os.cpus().length} CPU(s), Node ${process.version}\n`);
  console.log(
    ["scenario".padEnd(42), "req/s".padStart(8), "p50 ms".padStart(8), "p99 ms".padStart(8), "non-2xx".padStart(9), "errors".padStart(7)].join(" "),
  );
  for (const r of results) {
    console.log(
      [
        r.label.padEnd(42),
        r.rps.toFixed(0).padStart(8),
        r.p50.toFixed(0).padStart(8),
        r.p99.toFixed(0).padStart(8),
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
}
if (exitCode === 0) {
  // Every logged request must have reached the database by the clean shutdown.
  const counted = spawnSync(
    process.execPath,
    ["--conditions", "react-server", "--import", "tsx", path.join(root, "bench", "count-logs.ts"), dataDir],
    { cwd: root, env, encoding: "utf8" },
  );
  console.log(
    counted.status === 0
      ? `Access log after shutdown: ${counted.stdout.trim()} entries (the measured valid-key run alone made ${keywardValid}, plus warm-up).`
      : `Could not count the access log: ${counted.stderr}`,
  );
}
rmSync(parent, { recursive: true, force: true });
process.exit(exitCode);
