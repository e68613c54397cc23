#!/usr/bin/env node
// `npm run bench`: GET /api/v1/me with X-API-Key at 16 connections (autocannon), side by side in one run:
//   - the limit: bare node:http, SHA-256 of the key and one indexed PGlite lookup (bench/limit.mjs);
//   - the floor: a blank Next.js app of the same version whose one route handler does the same (bench/floor/);
//   - the framework alone: a route handler of that app that reads the key and answers without any lookup;
//   - Keyward's production server, full path (authenticator, policies, access log, last used), valid and invalid
//     key, a valid key with a rate limit (leases of its budget claimed in the database), on a fresh seeded database
//     and on one with 100,000 keys and 1,000,000 access-log rows;
//   - better-auth's API-key plugin in a Next.js app (bench/peer/), when `npm run bench:peer-install` has been run.
// Each round runs every scenario once, the order rotated round by round so that a neighbour's load hits all alike;
// the report gives medians, and ratios taken within each round, and says whether each target holds.
// BENCH_SECONDS (default 8) sets each run's length, BENCH_ROUNDS (default 5) the rounds, BENCH_WARMUP_SECONDS
// (default 30) each server's unmeasured load before them, BENCH_REWARM_SECONDS (default 4) the unmeasured load just
// before each measured run, and BENCH_ONLY a subset to look at closely
// (scenario ids, comma-separated: limit, floor, nothing, keyward, keywardLimited, keywardLarge, peer, floorInvalid,
// keywardInvalid; the targets whose scenarios did not run are left out). Measure with nothing else running: two
// builds at once halve every figure.
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { buildIfStale as buildKeywardIfStale, newestMtime } from "../scripts/build-if-stale.mjs";
import { freePort } from "../scripts/free-port.mjs";
import { NEXT_BIN } from "../scripts/next-bin.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const seconds = Number(process.env.BENCH_SECONDS || 8);
const rounds = Number(process.env.BENCH_ROUNDS || 5);
const connections = 16;

const parent = mkdtempSync(path.join(os.tmpdir(), "keyward-bench-"));
const baseEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NODE_ENV: "production", DATABASE_URL: "" };

function runTsx(script, args, env = baseEnv) {
  const result = spawnSync(process.execPath, ["--conditions", "react-server", "--import", "tsx", script, ...args], {
    cwd: root,
    env,
    encoding: "utf8",
  });
  if (result.status !== 0) throw new Error(`${path.basename(script)} failed:\n${result.stderr || result.stdout}`);
  return result.stdout.trim().split("\n").pop();
}

/** Builds a side app (the floor, the peer) when its build is missing or older than its sources. */
function buildIfStale(dir) {
  const buildId = path.join(dir, ".next", "BUILD_ID");
  const newest = Math.max(...["app", "next.config.ts", "instrumentation.ts"].map((f) => newestMtime(path.join(dir, f))));
  if (existsSync(buildId) && statSync(buildId).mtimeMs > newest) return;
  console.log(`Building ${path.relative(root, dir)}…`);
  const built = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: dir, env: baseEnv, stdio: "inherit" });
  if (built.status !== 0) throw new Error(`The build of ${dir} failed.`);
}

const servers = [];
let stopping = false;

/** Starts a server process and resolves once `healthPath` answers; `stop` ends it with SIGTERM (a clean shutdown). */
async function startServer(name, command, args, { cwd = root, env, healthPath }) {
  const port = await freePort();
  const child = spawn(command, args(port), { cwd, env: { ...env, PORT: String(port) }, stdio: ["ignore", "ignore", "inherit"] });
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`${name} stopped unexpectedly (${code}).`);
      process.exit(1);
    }
  });
  servers.push(child);
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 240_000;
  for (;;) {
    try {
      if ((await fetch(`${base}${healthPath}`)).status < 500) return { base, child };
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${name} did not start in time.`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

let address = 0;
/** The next address of the benchmarking range 198.18.0.0/15, for the X-Forwarded-For of one request. */
function nextAddress() {
  address = (address + 1) % 131072;
  return `198.${18 + (address >> 16)}.${(address >> 8) & 255}.${address & 255}`;
}

function measure(url, key, duration, manyAddresses = false) {
  // Invalid keys come each from an address of its own: one address is answered 429 after 30 refused credentials a
  // minute, which is not the path to measure.
  const requests = manyAddresses
    ? [{ setupRequest: (request) => ({ ...request, headers: { ...request.headers, "x-forwarded-for": nextAddress() } }) }]
    : undefined;
  return new Promise((resolve, reject) => {
    autocannon({ url, connections, duration, headers: { "x-api-key": key }, requests }, (error, result) =>
      error ? reject(error) : resolve(result),
    );
  });
}

/** Busy and total CPU time of the whole machine so far (Linux), or null elsewhere. */
function cpuTimes() {
  try {
    const [, ...fields] = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).map(Number);
    const idle = fields[3] + (fields[4] ?? 0);
    const total = fields.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/**
 * Waits until the machine is nearly idle (under 10 % busy over a quarter second; at most 10 s): a server just
 * measured still works for a moment after its load stops (its last batches, the garbage collector giving memory
 * back), and that work must not be charged to the next scenario, which would always be the same one.
 */
async function settled() {
  const deadline = Date.now() + 10_000;
  let before = cpuTimes();
  if (!before) return new Promise((resolve) => setTimeout(resolve, 1_000));
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
    const now = cpuTimes();
    const busy = (now.busy - before.busy) / Math.max(1, now.total - before.total);
    before = now;
    if (busy < 0.1) return;
  }
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const keywardEnv = (dataDir) => ({
  ...baseEnv,
  PGLITE_DATA_DIR: dataDir,
  AUTH_SECRET: randomBytes(32).toString("base64url"),
  AUTH_TRUST_HOST: "true",
  // The bench stands where a load balancer would, so the invalid-key runs can say which address they come from.
  KEYWARD_TRUSTED_PROXIES: "127.0.0.1,::1",
});

let exitCode = 0;
const smallDir = path.join(parent, "keyward-small", "pglite");
let keywardRan = false;
try {
  const only = (process.env.BENCH_ONLY ?? "").split(",").map((id) => id.trim()).filter(Boolean);
  /** Whether any of these scenarios runs: a server or database that none of the chosen scenarios needs is skipped. */
  const wanted = (...ids) => only.length === 0 || ids.some((id) => only.includes(id));

  const largeDir = path.join(parent, "keyward-large", "pglite");
  const withLarge = wanted("keywardLarge");
  console.log(
    withLarge
      ? "Preparing Keyward's databases: a seeded one with one API key, and one with 100,000 keys and 1,000,000 access-log rows…"
      : "Preparing Keyward's database: a seeded one with one API key…",
  );
  const small = JSON.parse(runTsx(path.join(root, "bench", "prepare.ts"), [smallDir]));
  const large = withLarge ? JSON.parse(runTsx(path.join(root, "bench", "prepare.ts"), [largeDir, "--large"])) : null;

  buildKeywardIfStale(baseEnv);
  buildIfStale(path.join(root, "bench", "floor"));
  const peerDir = path.join(root, "bench", "peer");
  const withPeer = existsSync(path.join(peerDir, "node_modules", "better-auth")) && wanted("peer");
  if (withPeer) buildIfStale(peerDir);

  console.log("Starting the servers…");
  const sideEnv = (name, secret) => ({ ...baseEnv, BENCH_PGLITE_DIR: path.join(parent, name), BENCH_SECRET: secret, BENCH_FILLER_KEYS: "0" });
  const nextStart = (port) => [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"];
  const keywardStart = () => [path.join(root, "scripts", "start.mjs")];
  const limit = wanted("limit")
    ? await startServer("The limit", process.execPath, () => [path.join(root, "bench", "limit.mjs")], { env: sideEnv("limit", small.secret), healthPath: "/" })
    : null;
  const floor = wanted("floor", "nothing", "floorInvalid")
    ? await startServer("The floor", process.execPath, nextStart, { cwd: path.join(root, "bench", "floor"), env: sideEnv("floor", small.secret), healthPath: "/api/v1/me" })
    : null;
  const keyward = wanted("keyward", "keywardLimited", "keywardInvalid")
    ? await startServer("Keyward", process.execPath, keywardStart, { env: keywardEnv(smallDir), healthPath: "/api/health" })
    : null;
  keywardRan = keyward !== null;
  const keywardLarge = withLarge
    ? await startServer("Keyward (large database)", process.execPath, keywardStart, { env: keywardEnv(largeDir), healthPath: "/api/health" })
    : null;
  let peer = null;
  let peerKey = "";
  if (withPeer) {
    peer = await startServer("better-auth", process.execPath, nextStart, {
      cwd: peerDir,
      env: { ...baseEnv, BENCH_PGLITE_DIR: path.join(parent, "peer") },
      healthPath: "/api/key",
    });
    peerKey = (await (await fetch(`${peer.base}/api/key`, { method: "POST" })).json()).key;
  }

  const scenarios = [
    limit && { id: "limit", label: "limit: node:http + SHA-256 + one lookup", url: `${limit.base}/api/v1/me`, key: small.secret },
    floor && { id: "floor", label: "floor: blank Next.js route, same lookup", url: `${floor.base}/api/v1/me`, key: small.secret },
    floor && { id: "nothing", label: "framework alone: route, no lookup", url: `${floor.base}/api/v1/nothing`, key: small.secret },
    keyward && { id: "keyward", label: "Keyward, valid access code", url: `${keyward.base}/api/v1/me`, key: small.secret },
    keyward && { id: "keywardLimited", label: "Keyward, valid, rate limit 1,000,000/h", url: `${keyward.base}/api/v1/me`, key: small.limited },
    keywardLarge && { id: "keywardLarge", label: "Keyward, valid, 100k keys + 1M log rows", url: `${keywardLarge.base}/api/v1/me`, key: large.secret },
    peer && { id: "peer", label: "better-auth API-key plugin, valid", url: `${peer.base}/api/me`, key: peerKey },
    floor && { id: "floorInvalid", label: "floor, invalid key", url: `${floor.base}/api/v1/me`, key: small.unknown, many: true, expect: 401 },
    keyward && { id: "keywardInvalid", label: "Keyward, invalid key", url: `${keyward.base}/api/v1/me`, key: small.unknown, many: true, expect: 401 },
  ].filter((s) => s && wanted(s.id));
  if (scenarios.length === 0) throw new Error(`BENCH_ONLY names no scenario: ${only.join(", ")}`);
  for (const s of scenarios) {
    const answer = await fetch(s.url, { headers: { "x-api-key": s.key } });
    if (answer.status !== (s.expect ?? 200)) throw new Error(`${s.label}: ${s.url} answered ${answer.status}`);
  }

  // Servers are measured warm: a Next.js server under load keeps getting faster for about half a minute (compiling
  // its routes' code, optimising the hot paths; a first 8-second run measured half the later ones). Every server gets
  // the same warm-up, shared among the scenarios it serves, so that one serving three scenarios (Keyward on the small
  // database) is not warmer than one serving a single scenario (the large database, the peer).
  const warmup = Number(process.env.BENCH_WARMUP_SECONDS || 30);
  const rewarm = Number(process.env.BENCH_REWARM_SECONDS || 4);
  const byServer = new Map();
  for (const s of scenarios) {
    const origin = new URL(s.url).origin;
    byServer.set(origin, [...(byServer.get(origin) ?? []), s]);
  }
  console.log(`Warming up (${warmup} s per server)…`);
  for (const served of byServer.values()) {
    for (const s of served) await measure(s.url, s.key, Math.max(1, Math.round(warmup / served.length)), s.many);
  }

  const runs = new Map(scenarios.map((s) => [s.id, []]));
  for (let round = 0; round < rounds; round++) {
    const order = scenarios.map((_, i) => scenarios[(i + round) % scenarios.length]);
    for (const s of order) {
      await settled();
      // A server that sat idle while the others were measured has had its heap shrunk by V8's memory reducer and
      // runs at 0.6–0.85× its pace for the first seconds of load; the one measured least often (the large database,
      // the peer) would pay that most. A short unmeasured run first puts every scenario back at its steady pace.
      await measure(s.url, s.key, rewarm, s.many);
      process.stdout.write(`  round ${round + 1}: ${s.label} (${seconds} s)… `);
      const r = await measure(s.url, s.key, seconds, s.many);
      runs.get(s.id).push(r);
      console.log(`${r.requests.average.toFixed(0)} req/s`);
    }
  }
  const results = new Map(
    scenarios.map((s) => {
      const rs = runs.get(s.id);
      return [
        s.id,
        {
          label: s.label,
          rps: median(rs.map((r) => r.requests.average)),
          p50: median(rs.map((r) => r.latency.p50)),
          p99: median(rs.map((r) => r.latency.p99)),
          unexpected: rs.reduce((n, r) => n + (s.expect ? r["2xx"] : r.non2xx), 0),
          errors: rs.reduce((n, r) => n + r.errors + r.timeouts, 0),
        },
      ];
    }),
  );

  // A ratio is taken within each round, where both sides ran minutes apart at most, and its median over the rounds
  // is reported: the machine's pace drifts between rounds (the floor alone has measured 363–789 req/s in one run),
  // and a ratio of two medians from different rounds carries that drift into the comparison.
  const metrics = { rps: (r) => r.requests.average, p99: (r) => Math.max(r.latency.p99, 1) };
  const ratios = (id, base, metric = "rps") => {
    if (!runs.has(id) || !runs.has(base)) return null;
    const of = metrics[metric];
    return runs.get(id).map((r, round) => of(r) / of(runs.get(base)[round]));
  };

  console.log(
    `\nautocannon, ${connections} connections, medians of ${rounds} rotated rounds of ${seconds} s, ${os.cpus().length} CPU(s), Node ${process.version}\n`,
  );
  console.log(
    ["scenario".padEnd(42), "req/s".padStart(7), "p50 ms".padStart(7), "p99 ms".padStart(7), "× floor".padStart(8), "unexpected".padStart(11), "errors".padStart(7)].join(" "),
  );
  for (const [id, r] of results) {
    const perRound = ratios(id, id.endsWith("Invalid") ? "floorInvalid" : "floor");
    console.log(
      [
        r.label.padEnd(42),
        r.rps.toFixed(0).padStart(7),
        r.p50.toFixed(0).padStart(7),
        r.p99.toFixed(0).padStart(7),
        (perRound ? `${median(perRound).toFixed(2)}×` : "–").padStart(8),
        String(r.unexpected).padStart(11),
        String(r.errors).padStart(7),
      ].join(" "),
    );
  }

  /** The median of the rounds' ratios, then each round's in brackets. */
  const roundRatios = (perRound) => `${median(perRound).toFixed(2)}× [${perRound.map((x) => x.toFixed(2)).join(", ")}]`;
  const targets = [
    ["valid key: req/s ≥ 1.20× the floor", ratios("keyward", "floor"), (x) => x >= 1.2],
    ["valid key: p99 ≤ 1.00× the floor's", ratios("keyward", "floor", "p99"), (x) => x <= 1.0],
    ["invalid key: req/s ≥ 0.90× the floor", ratios("keywardInvalid", "floorInvalid"), (x) => x >= 0.9],
    ["100k keys + 1M log rows: req/s within 10 % of the small database", ratios("keywardLarge", "keyward"), (x) => x >= 0.9],
    ["valid key: req/s ≥ 4× better-auth's", ratios("keyward", "peer"), (x) => x >= 4],
  ].filter(([, perRound]) => perRound);
  console.log("\nTargets (median of the rounds' ratios; each round's in brackets):");
  for (const [what, perRound, holds] of targets) {
    const ratio = median(perRound);
    console.log(`${holds(ratio) ? "✔" : "✖"} ${what}: ${roundRatios(perRound)}`);
  }
  // Not targets: what a route handler costs when it does no work at all, which bounds every target above.
  const bounds = [
    ["the framework alone (a route handler that does nothing) vs better-auth", ratios("nothing", "peer")],
    ["Keyward's valid key vs the framework alone", ratios("keyward", "nothing")],
  ].filter(([, perRound]) => perRound);
  for (const [what, perRound] of bounds) {
    console.log(`· ${what}: ${roundRatios(perRound)}`);
  }
  if (!peer && wanted("peer")) console.log("– better-auth not measured: run `npm run bench:peer-install` once to install it (bench/peer/).");
  if ([...results.values()].some((r) => r.errors > 0 || r.unexpected > 0)) {
    console.log("Some answers were not what the scenario expects, or failed at the socket level: see the last columns.");
  }
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  exitCode = 1;
} finally {
  stopping = true;
  // SIGTERM: a clean shutdown, which also flushes Keyward's last access-log batch.
  for (const child of servers) child.kill("SIGTERM");
  await Promise.all(servers.map((child) => new Promise((resolve) => (child.exitCode !== null ? resolve() : child.once("exit", resolve)))));
}
if (exitCode === 0 && keywardRan) {
  // Every logged request must have reached the database by the clean shutdown.
  try {
    console.log(`Keyward's access log after shutdown: ${runTsx(path.join(root, "bench", "count-logs.ts"), [smallDir])} entries.`);
  } catch (error) {
    console.log(`Could not count the access log: ${error.message}`);
  }
}
rmSync(parent, { recursive: true, force: true });
process.exit(exitCode);
