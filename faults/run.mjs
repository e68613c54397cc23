#!/usr/bin/env node
// `npm run test:faults`, inside `bash scripts/with-postgres.sh` (CI does so): two production instances (`next start`
// on the build `npm test` made, built here only when missing or stale) on one throwaway PostgreSQL, and what
// happens to them when things fail:
//   1. 20 concurrent creations of one key name: one 201, 19 × 409 naming the field;
//   2. PostgreSQL stopped for 5 s under load: every answer 2xx or 503, none slower than the documented bound, both
//      instances serve again within 5 s of its return and stay healthy, every 201 is in the database;
//   3. SIGTERM under load: every request that got an answer is in the access log;
//   4. SIGTERM while holding webhook claims: the claims are handed back at exit, and another instance sends them;
//   5. SIGKILL while holding webhook claims: every event is delivered once the 60 s lease has passed;
//   6. SIGTERM under load on the embedded database: the same as 3, before PGlite closes.
// Figures are printed; the only timed checks are the documented bounds (README, "A PostgreSQL server").
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import postgres from "postgres";
import { buildIfStale } from "../scripts/build-if-stale.mjs";
import { freePort } from "../scripts/free-port.mjs";
import { NEXT_BIN } from "../scripts/next-bin.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const { DATABASE_URL, KEYWARD_PG_CTL } = process.env;
if (!DATABASE_URL || !KEYWARD_PG_CTL) {
  console.error("Run the fault suite on a throwaway PostgreSQL: bash scripts/with-postgres.sh npm run test:faults");
  process.exit(2);
}

/** Documented bounds (db/timeouts.ts, lib/shutdown.ts, lib/webhooks/worker.ts). */
const REQUEST_BOUND_MS = 20_000; // pool wait 5 s + connect 5 s + statement 10 s
const RECOVERY_BOUND_MS = 5_000;
const SHUTDOWN_HARD_LIMIT_MS = 25_000;
const WEBHOOK_LEASE_MS = 60_000;
/** A request still unanswered after this counts as hung. */
const HANG_MS = 60_000;

const started = Date.now();
const runId = randomBytes(3).toString("hex");
const failures = [];
const instances = new Set();
/** Every instance started, for the logs printed when something fails. */
const everyInstance = [];

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;

function check(ok, description) {
  console.log(`  ${ok ? "✔" : "✖"} ${description}`);
  if (!ok) failures.push(description);
}

function percentile(values, p) {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

function countBy(items, key) {
  const counts = {};
  for (const item of items) counts[key(item)] = (counts[key(item)] ?? 0) + 1;
  return Object.entries(counts)
    .sort()
    .map(([k, n]) => `${k}: ${n}`)
    .join(", ");
}

function pgctl(action) {
  const result = spawnSync(KEYWARD_PG_CTL, [action], { encoding: "utf8" });
  if (result.status !== 0) throw new Error(`pg_ctl ${action} failed: ${result.stderr || result.stdout}`);
}

// ── The app instances ────────────────────────────────────────────────────────────────────────────────────────

const authSecret = randomBytes(32).toString("base64url");
const instanceEnv = {
  ...process.env,
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
  AUTH_SECRET: authSecret,
  AUTH_TRUST_HOST: "true",
  KEYWARD_WEBHOOK_ALLOW_PRIVATE: "1",
  // Failed deliveries are retried after a second, so the scenarios do not wait for the production schedule.
  KEYWARD_WEBHOOK_RETRY_SCHEDULE: "1,1,1,1,1,1,1,1,1,1",
};

async function startInstance(name, env = instanceEnv) {
  const port = await freePort();
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk) => (output += chunk));
  child.stderr.on("data", (chunk) => (output += chunk));
  const instance = {
    name,
    base: `http://127.0.0.1:${port}`,
    child,
    output: () => output,
    exited: new Promise((resolve) => child.on("exit", (code, signal) => resolve({ code, signal, at: Date.now() }))),
  };
  instances.add(instance);
  everyInstance.push(instance);
  void instance.exited.then(() => instances.delete(instance));
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited during start-up:\n${output}`);
    try {
      if ((await fetch(`${instance.base}/api/health`)).ok) return instance;
    } catch {
      // not listening yet
    }
    await sleep(200);
  }
  throw new Error(`${name} did not become healthy within 120 s:\n${output}`);
}

function tail(instance, lines = 30) {
  return instance.output().trim().split("\n").slice(-lines).join("\n");
}

// ── The webhook receiver ─────────────────────────────────────────────────────────────────────────────────────

/** Answers 204, or, in "hang" mode, holds every request unanswered (an instance is then mid-delivery). */
async function startReceiver() {
  const received = new Map();
  const held = new Set();
  let mode = "ok";
  const server = createServer((request, response) => {
    request.resume();
    request.on("end", () => {
      const id = request.headers["webhook-id"];
      received.set(id, (received.get(id) ?? 0) + 1);
      if (mode === "hang") {
        held.add(response);
        response.on("close", () => held.delete(response));
      } else {
        response.writeHead(204).end();
      }
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hooks`,
    received,
    held,
    setMode(next) {
      mode = next;
      if (next === "ok") for (const response of held) response.writeHead(204).end();
    },
    close: () => {
      server.closeAllConnections();
      server.close();
    },
  };
}

// ── Load ─────────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Runs one loop per entry of `targets` (an instance each), sending `request(target, n)` until `stop(target)`.
 * Every request is recorded: status (null when no answer came), duration, and the answer.
 */
async function load(targets, request, stop) {
  const results = [];
  let n = 0;
  await Promise.all(
    targets.map(async (target) => {
      while (!stop(target)) {
        const i = n++;
        const { url, init, kind } = request(target, i);
        const t0 = Date.now();
        try {
          const response = await fetch(url, { ...init, signal: AbortSignal.timeout(HANG_MS) });
          const body = await response.text();
          results.push({ target: target.name, i, kind, status: response.status, started: t0, ms: Date.now() - t0, headers: response.headers, body });
        } catch (error) {
          const code = error?.cause?.code ?? error?.name ?? "error";
          results.push({ target: target.name, i, kind, status: null, error: code, started: t0, ms: Date.now() - t0 });
          await sleep(25); // a refused connection comes back at once: do not spin
        }
      }
    }),
  );
  return results;
}

// ── Scenarios ────────────────────────────────────────────────────────────────────────────────────────────────

async function conflicts(fixture, a, b) {
  console.log("\n▶ 20 concurrent POST /api/v1/api-keys with one name, on both instances");
  const name = `Race ${runId}`;
  const answers = await Promise.all(
    Array.from({ length: 20 }, async (_, i) => {
      const response = await fetch(`${(i % 2 ? b : a).base}/api/v1/api-keys`, {
        method: "POST",
        headers: { "X-API-Key": fixture.secret, "Content-Type": "application/json" },
        body: JSON.stringify({ name, policies: ["users:read"] }),
      });
      return { status: response.status, type: response.headers.get("content-type"), body: await response.json() };
    }),
  );
  console.log(`  answers: ${countBy(answers, (x) => x.status)}`);
  check(answers.filter((x) => x.status === 201).length === 1, "exactly one 201");
  const conflicts = answers.filter((x) => x.status === 409);
  check(conflicts.length === 19, "the 19 others answer 409");
  check(
    conflicts.every((x) => x.type?.startsWith("application/problem+json") && x.body.errors?.name?.length === 1),
    "every 409 is problem+json naming the field (errors.name)",
  );
}

async function outage(fixture, a, b, sql) {
  console.log("\n▶ PostgreSQL stopped for 5 s under load (16 connections, reads and writes, both instances)");
  const request = (target, i) =>
    i % 3 === 0
      ? {
          kind: "create",
          url: `${target.base}/api/v1/api-keys`,
          init: {
            method: "POST",
            headers: { "X-API-Key": fixture.secret, "Content-Type": "application/json" },
            body: JSON.stringify({ name: `Outage ${runId} ${i}`, policies: ["users:read"] }),
          },
        }
      : { kind: "read", url: `${target.base}/api/v1/me?n=out-${runId}-${i}`, init: { headers: { "X-API-Key": fixture.secret } } };
  const timeline = {};
  let done = false;
  const running = load([a, a, a, a, a, a, a, a, b, b, b, b, b, b, b, b], request, () => done);

  await sleep(2_000);
  timeline.stop = Date.now();
  pgctl("stop");
  timeline.stopped = Date.now();
  await sleep(5_000);
  pgctl("start");
  timeline.back = Date.now();
  // When each instance answers again: its health check, and its first successful API answer (from the load).
  const recovered = {};
  await Promise.all(
    [a, b].map(async (instance) => {
      while (Date.now() < timeline.back + 30_000) {
        try {
          if ((await fetch(`${instance.base}/api/health`)).ok) {
            recovered[instance.name] = Date.now() - timeline.back;
            return;
          }
        } catch {
          // keep asking
        }
        await sleep(100);
      }
    }),
  );
  await sleep(10_000);
  done = true;
  const results = await running;

  const before = results.filter((r) => r.started + r.ms < timeline.stop);
  const during = results.filter((r) => r.started + r.ms >= timeline.stop && r.started < timeline.back);
  const healing = results.filter((r) => r.started >= timeline.back && r.started < timeline.back + RECOVERY_BOUND_MS);
  const after = results.filter((r) => r.started >= timeline.back + RECOVERY_BOUND_MS);
  for (const [label, part] of [
    ["before", before],
    ["database down", during],
    ["first 5 s back", healing],
    ["after", after],
  ]) {
    console.log(
      `  ${label.padEnd(14)} ${String(part.length).padStart(5)} requests · ${countBy(part, (r) => r.status ?? r.error) || "none"} · p99 ${percentile(part.map((r) => r.ms), 99)} ms · max ${Math.max(0, ...part.map((r) => r.ms))} ms`,
    );
  }
  const firstOk = {};
  for (const instance of [a, b]) {
    const ok = results.filter((r) => r.target === instance.name && r.started >= timeline.back && r.status >= 200 && r.status < 300);
    firstOk[instance.name] = ok.length ? Math.min(...ok.map((r) => r.started + r.ms)) - timeline.back : null;
  }
  console.log(
    `  back to 200 after the database returned: ${[a, b].map((i) => `${i.name} health ${recovered[i.name] ?? "never"} ms, API ${firstOk[i.name] ?? "never"} ms`).join("; ")}`,
  );
  const logs = [a, b].map((i) => i.output()).join("\n");
  // One line per reason and 5 s (lib/unavailable-log.ts): which bound gave up, or what the server said.
  for (const instance of [a, b]) {
    for (const line of instance.output().match(/^.*the database is unavailable \(.*$/gm) ?? []) console.log(`  ${instance.name} logged: ${line}`);
  }
  console.log(
    `  postgres.js broken-connection TypeErrors (uncaught): ${(logs.match(/uncaughtException:?\s+TypeError: Cannot read properties of null \(reading 'write'\)/g) ?? []).length}; pools replaced: ${(logs.match(/Replaced the database connection pool/g) ?? []).length}`,
  );

  check(results.every((r) => [200, 201, 503].includes(r.status)), "every answer is 200, 201 or 503 (no 500, no unanswered request)");
  const unavailable = results.filter((r) => r.status === 503);
  check(
    unavailable.every((r) => r.headers.get("content-type")?.startsWith("application/problem+json") && r.headers.get("retry-after")),
    `every 503 (${unavailable.length}) is problem+json with Retry-After`,
  );
  check(results.every((r) => r.ms <= REQUEST_BOUND_MS), `no request took longer than ${seconds(REQUEST_BOUND_MS)}`);
  for (const instance of [a, b]) {
    check(
      recovered[instance.name] !== undefined &&
        recovered[instance.name] <= RECOVERY_BOUND_MS &&
        firstOk[instance.name] !== null &&
        firstOk[instance.name] <= RECOVERY_BOUND_MS,
      `${instance.name} serves 200 (health and API) within ${seconds(RECOVERY_BOUND_MS)} of the database's return`,
    );
  }
  check(after.length > 0 && after.every((r) => r.status === 200 || r.status === 201), "from then on, every answer is 2xx on both instances");
  const created = results.filter((r) => r.status === 201).map((r) => JSON.parse(r.body).apiKey.id);
  const [{ count }] = await sql`select count(*)::int as count from api_keys where public_id = any(${created})`;
  console.log(`  keys created (201): ${created.length}, found in the database: ${count}`);
  check(count === created.length, "every 201 is in the database");
}

/** SIGTERM under load; `loggedPaths(prefix)` reads the access log's paths once the instance has exited. */
async function sigterm(fixture, a, loggedPaths, label = "one instance") {
  console.log(`\n▶ SIGTERM to ${label} under load (16 keep-alive connections)`);
  let signalledAt = null;
  const request = (target, i) => ({
    kind: "read",
    url: `${target.base}/api/v1/me?n=sig-${runId}-${i}`,
    init: { headers: { "X-API-Key": fixture.secret } },
  });
  let gone = false;
  void a.exited.then(() => (gone = true));
  const running = load(Array(16).fill(a), request, () => gone);
  await sleep(2_000);
  signalledAt = Date.now();
  a.child.kill("SIGTERM");
  // An instance that never finishes draining must not hang the suite: it fails the check below, then is killed.
  const exit = await Promise.race([a.exited, sleep(SHUTDOWN_HARD_LIMIT_MS + 5_000).then(() => null)]);
  if (!exit) {
    gone = true;
    a.child.kill("SIGKILL");
    await a.exited;
  }
  const results = await running;
  const answered = results.filter((r) => r.status !== null);
  const whileDraining = answered.filter((r) => r.started >= signalledAt);
  const logged = await loggedPaths(`/api/v1/me?n=sig-${runId}-`);
  const missing = answered.filter((r) => !logged.has(`/api/v1/me?n=sig-${runId}-${r.i}`));
  console.log(`  answers: ${countBy(results, (r) => r.status ?? r.error)}`);
  console.log(
    `  answered ${answered.length} (${whileDraining.length} after the signal); in the access log: ${logged.size}; missing: ${missing.length}; ${exit ? `exit ${exit.code ?? exit.signal} after ${seconds(exit.at - signalledAt)}` : "still running: killed"}`,
  );
  const summary = a.output().match(/\[keyward\] Shut down: .*/)?.[0];
  if (summary) console.log(`  ${summary}`);
  check(answered.every((r) => r.status === 200), "every answered request got 200");
  check(missing.length === 0, "every answered request is in the access log");
  check(exit?.code === 143 && exit.at - signalledAt <= SHUTDOWN_HARD_LIMIT_MS, `the instance exited with 143 within ${seconds(SHUTDOWN_HARD_LIMIT_MS)}`);
}

/**
 * Changes the fixture key's description `count` times at once: one ApiKey Update event (webhook delivery) each,
 * close enough together that the worker's next poll (every second) usually claims them in one batch.
 */
async function makeEvents(fixture, instance, count, label) {
  const since = new Date();
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      const response = await fetch(`${instance.base}/api/v1/api-keys/${fixture.keyId}`, {
        method: "PATCH",
        headers: { "X-API-Key": fixture.secret, "Content-Type": "application/json" },
        body: JSON.stringify({ description: `${label} ${i}` }),
      });
      if (response.status !== 200) throw new Error(`PATCH answered ${response.status}: ${await response.text()}`);
    }),
  );
  return since;
}

/**
 * Waits until the instance is mid-delivery: the receiver holds requests and their rows are claimed. Changes that
 * a poll split from the first batch are claimed only after its sends time out (15 s); they are left to the next
 * instance, which sends them at once.
 */
async function waitForClaims(sql, fixture, since, receiver) {
  await waitFor(async () => receiver.held.size > 0, 30_000, "a delivery to reach the receiver");
  await sleep(1_000);
  return (await deliveries(sql, fixture, since)).filter((d) => d.claim_token !== null).length;
}

async function waitFor(condition, timeoutMs, what) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await sleep(200);
  }
  console.log(`  (gave up waiting for ${what} after ${seconds(timeoutMs)})`);
  return false;
}

const deliveries = (sql, fixture, since) =>
  sql`select id, status, claim_token from webhook_deliveries where webhook_id = ${fixture.webhookId} and created_at >= ${since}`;

async function webhookRelease(fixture, holder, sql, receiver) {
  console.log("\n▶ SIGTERM to an instance in the middle of webhook deliveries");
  receiver.setMode("hang");
  const since = await makeEvents(fixture, holder, 5, "release");
  const claimedBefore = await waitForClaims(sql, fixture, since, receiver);
  const signalledAt = Date.now();
  holder.child.kill("SIGTERM");
  const exit = (await Promise.race([holder.exited, sleep(SHUTDOWN_HARD_LIMIT_MS + 5_000).then(() => null)])) ?? {
    at: Date.now(),
  };
  holder.child.kill("SIGKILL"); // if it is still draining
  const rows = await deliveries(sql, fixture, since);
  const stillClaimed = rows.filter((d) => d.status === "pending" && d.claim_token !== null).length;
  console.log(
    `  claimed when signalled: ${claimedBefore} of 5; still claimed after exit (${seconds(exit.at - signalledAt)}): ${stillClaimed}`,
  );
  check(claimedBefore > 0 && stillClaimed === 0, "the instance handed its claims back when it shut down");
  receiver.setMode("ok");
  const taker = await startInstance("A′");
  const t0 = Date.now();
  const delivered = await waitFor(
    async () => (await deliveries(sql, fixture, since)).every((d) => d.status === "succeeded"),
    WEBHOOK_LEASE_MS,
    "the deliveries",
  );
  console.log(`  delivered by the next instance ${seconds(Date.now() - t0)} after it started`);
  check(delivered, "another instance sent them without waiting for the lease");
  return taker;
}

async function webhookKill(fixture, holder, sql, receiver) {
  console.log("\n▶ SIGKILL to an instance in the middle of webhook deliveries");
  receiver.setMode("hang");
  const since = await makeEvents(fixture, holder, 5, "kill");
  await waitForClaims(sql, fixture, since, receiver);
  const killedAt = Date.now();
  holder.child.kill("SIGKILL");
  await holder.exited;
  const stranded = (await deliveries(sql, fixture, since)).filter((d) => d.claim_token !== null).length;
  console.log(`  claims held by the killed instance: ${stranded} of 5`);
  check(stranded > 0, "the killed instance held claims");
  receiver.setMode("ok");
  const taker = await startInstance("B′");
  const delivered = await waitFor(
    async () => (await deliveries(sql, fixture, since)).every((d) => d.status === "succeeded"),
    WEBHOOK_LEASE_MS + 30_000,
    "the deliveries",
  );
  const rows = await deliveries(sql, fixture, since);
  console.log(
    `  delivered ${rows.filter((d) => d.status === "succeeded").length} of ${rows.length}, ${seconds(Date.now() - killedAt)} after the kill (lease ${seconds(WEBHOOK_LEASE_MS)})`,
  );
  check(delivered && rows.every((d) => receiver.received.has(d.id)), "every event was delivered once the lease passed");
  return taker;
}

/** The same drain on the embedded database: the instance must write its queue before PGlite closes. */
async function embeddedSigterm(receiver) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "keyward-faults-"));
  try {
    const env = { ...instanceEnv, DATABASE_URL: "", PGLITE_DATA_DIR: path.join(dir, "pglite") };
    const fixture = prepare(env, receiver.url);
    const instance = await startInstance("E (PGlite)", env);
    await sigterm(fixture, instance, async (prefix) => {
      // The instance has exited and closed the data dir: open it here to read what it wrote.
      const db = await PGlite.create(env.PGLITE_DATA_DIR);
      try {
        const { rows } = await db.query("select path from access_logs where path like $1", [`${prefix}%`]);
        return new Set(rows.map((row) => row.path));
      } finally {
        await db.close();
      }
    }, "an instance on the embedded database");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Migrates and seeds the database of `env`, and creates the API key and webhook the scenarios use (prepare.ts). */
function prepare(env, receiverUrl) {
  const prepared = spawnSync(
    process.execPath,
    ["--conditions", "react-server", "--import", "tsx", path.join(root, "faults", "prepare.ts"), receiverUrl],
    { cwd: root, env, encoding: "utf8" },
  );
  if (prepared.status !== 0) throw new Error(`prepare.ts failed:\n${prepared.stderr || prepared.stdout}`);
  return JSON.parse(prepared.stdout.trim().split("\n").pop());
}

// ── Main ─────────────────────────────────────────────────────────────────────────────────────────────────────

async function main() {
  buildIfStale({ ...process.env, NEXT_TELEMETRY_DISABLED: "1" });
  const receiver = await startReceiver();
  const sql = postgres(DATABASE_URL, { max: 2, onnotice: () => {}, connect_timeout: 5 });
  try {
    console.log("Preparing the database (migrations, demo data, an API key, a webhook)…");
    const fixture = prepare(instanceEnv, receiver.url);

    console.log("Starting two production instances on one PostgreSQL…");
    // One after the other: each applies the migrations at start-up.
    const a = await startInstance("A");
    const b = await startInstance("B");

    await conflicts(fixture, a, b);
    await outage(fixture, a, b, sql);
    await sigterm(fixture, a, async (prefix) => new Set((await sql`select path from access_logs where path like ${`${prefix}%`}`).map((row) => row.path)));
    const a2 = await webhookRelease(fixture, b, sql, receiver);
    const b2 = await webhookKill(fixture, a2, sql, receiver);
    b2.child.kill("SIGTERM");
    await b2.exited;
    await embeddedSigterm(receiver);
  } catch (error) {
    failures.push(error instanceof Error ? error.message : String(error));
    console.error(`\n✖ ${error instanceof Error ? error.stack : error}`);
  } finally {
    for (const instance of instances) instance.child.kill("SIGKILL");
    receiver.close();
    await sql.end({ timeout: 1 });
  }
}

process.on("SIGINT", () => {
  for (const instance of instances) instance.child.kill("SIGKILL");
  process.exit(130);
});

await main();
// KEYWARD_FAULTS_LOG_DIR=<dir> keeps every instance's output, e.g. as a CI artifact.
if (process.env.KEYWARD_FAULTS_LOG_DIR) {
  mkdirSync(process.env.KEYWARD_FAULTS_LOG_DIR, { recursive: true });
  for (const instance of everyInstance) {
    writeFileSync(path.join(process.env.KEYWARD_FAULTS_LOG_DIR, `${instance.name}.log`), instance.output());
  }
}
console.log(`\nFault suite: ${failures.length === 0 ? "passed" : `${failures.length} failed`} in ${seconds(Date.now() - started)}.`);
if (failures.length > 0) {
  for (const instance of everyInstance) console.log(`\n── last lines of instance ${instance.name} ──\n${tail(instance, 40)}`);
  for (const failure of failures) console.log(`  ✖ ${failure}`);
  process.exit(1);
}
