import { readFileSync } from "node:fs";
import type { APIRequestContext, Page } from "@playwright/test";
import { expect, PEOPLE, storageStateFor, test } from "../fixtures";
import { createKey, uniqueName } from "../support/api-keys";
import { fuzzCases } from "../support/fuzz/arbitraries";
import { describe, render, type FuzzCase, type RenderContext } from "../support/fuzz/cases";
import { sendRaw } from "../support/fuzz/raw-http";
import { formatReport, showCase } from "../support/fuzz/report";
import { explore, failureOf, hunt, shrinkAll, type Fuzzer } from "../support/fuzz/runner";
import { apiTargets, crawlConsole, pageRefs, type ApiTarget } from "../support/fuzz/targets";

// Generated malformed requests against every operation of the OpenAPI document (read from the running server, so
// a new operation is fuzzed without touching this file), the OAuth endpoints, key verification and the signed-in
// console's pages. The server must refuse each cleanly (no 5xx, no hang), stay healthy and keep writing its access
// log. Every failure class is reported with the smallest case fast-check's shrinker found and how to replay it.
//
//   KEYWARD_FUZZ_SEED=<n>          replay a whole run (the seed is printed at the start and in the report)
//   KEYWARD_FUZZ_REPLAY=<lane>:<path>  with the same seed, replay (and shrink) one case of the report
//   KEYWARD_FUZZ_RUNS=<n>          generated requests (default 5,000)
//
// The run needs write policies: for its duration it turns on Acme's "Allow write policies" (no other spec relies
// on Acme's being off) and acts through keys of its own, and a key acting as Max Member for his webhooks.

const SEED = process.env.KEYWARD_FUZZ_SEED
  ? Number(process.env.KEYWARD_FUZZ_SEED)
  : Math.floor(Math.random() * 2 ** 31);
const RUNS = Number(process.env.KEYWARD_FUZZ_RUNS ?? 5000);
const REPLAY = process.env.KEYWARD_FUZZ_REPLAY;
/**
 * Requests in flight at once. The server answers on one thread (PGlite included), which two lanes keep busy;
 * more would only queue up in front of the other Playwright worker's requests.
 */
const LANES = 2;
const REQUEST_TIMEOUT_MS = 15_000;
/** Generation stops after this long whatever the count, so that a hanging server still gets its report. */
const EXPLORE_LIMIT_MS = 7 * 60_000;
/** Shrinking: at most this long per failure class, and in all. */
const SHRINK_PER_CLASS_MS = 6_000;
const SHRINK_BUDGET_MS = 45_000;
/** A probe request goes to the access log after every this many requests. */
const CHECKPOINT_EVERY = 500;

test.use({ storageState: storageStateFor("admin") });

/** The session cookie header the setup project saved for Ada Admin. */
function consoleCookie(): string {
  const state = JSON.parse(readFileSync(storageStateFor("admin"), "utf8")) as {
    cookies: { name: string; value: string }[];
  };
  return state.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
}

async function setWritePolicies(page: Page, on: boolean): Promise<boolean> {
  await page.goto("/admin/settings");
  const control = page.getByRole("switch", { name: "Allow write policies" });
  await expect(control).toBeVisible();
  const was = (await control.getAttribute("aria-checked")) === "true";
  if (was !== on) {
    await control.click();
    await expect(page.getByText("Settings saved").first()).toBeVisible();
  }
  await expect(control).toHaveAttribute("aria-checked", String(on));
  return was;
}

interface Created {
  keyId: string;
  secret: string;
}

async function createKeyByApi(
  request: APIRequestContext,
  writeSecret: string,
  data: Record<string, unknown>,
): Promise<Created> {
  const response = await request.post("/api/v1/api-keys", {
    headers: { "X-API-Key": writeSecret },
    data: { name: uniqueName("Fuzz"), ...data },
  });
  expect(response.status(), await response.text()).toBe(201);
  const body = (await response.json()) as { apiKey: { id: string }; accessCode: { secret: string } };
  return { keyId: body.apiKey.id, secret: body.accessCode.secret };
}

/** The probe markers (`fuzzProbe=<n>`) the access log shows for the probe key. */
async function loggedProbes(page: Page, probeKeyId: string): Promise<Set<string>> {
  await page.goto(`/admin/api-keys/${probeKeyId}/logs`);
  await expect(page.getByRole("tab", { name: "Logs", exact: true })).toHaveAttribute("aria-selected", "true");
  const table = page.getByRole("table", { name: "Access log" });
  const text = (await table.count()) ? await table.innerText() : "";
  return new Set([...text.matchAll(/fuzzProbe=(\w+)/g)].map((m) => m[1]!));
}

/** Waits until `marker` shows in the access log, for at most 15 s; returns the markers shown by then. */
async function waitForProbe(page: Page, probeKeyId: string, marker: string): Promise<Set<string>> {
  let seen = new Set<string>();
  await expect(async () => {
    seen = await loggedProbes(page, probeKeyId);
    expect(seen).toContain(marker);
  })
    .toPass({ timeout: 15_000 })
    // The caller reports which probes are missing; a timeout here is that report's subject, not an error.
    .catch(() => undefined);
  return seen;
}

test("No generated malformed request gets a 5xx or hangs, and the server stays healthy and keeps its access log", async ({
  page,
  request,
  baseURL,
}, testInfo) => {
  test.setTimeout(12 * 60_000);
  const startedAt = Date.now();
  console.log(`[fuzz] seed ${SEED} (replay with KEYWARD_FUZZ_SEED=${SEED})`);
  const url = new URL(baseURL!);

  const wasOn = await setWritePolicies(page, true);
  let personSecret = "";
  let finished = false;
  try {
    // ── Credentials and records of the run's own ────────────────────────────────────────────────────────────
    const write = await createKey(page, { policies: ["native"], logBodies: true });
    const users = (await (await request.get("/api/v1/users", { headers: { "X-API-Key": write.secret } })).json()) as {
      data: { id: string; email: string }[];
    };
    const max = users.data.find((u) => u.email === PEOPLE.member.email);
    expect(max, "Max Member is listed").toBeTruthy();
    const read = await createKeyByApi(request, write.secret, {
      policies: ["users:read", "keys:read", "audit:read", "webhooks:read"],
      logRequests: true,
      logBodies: true,
    });
    const person = await createKeyByApi(request, write.secret, {
      policies: ["webhooks:read", "webhooks:write"],
      actsAsUserId: max!.id,
      logRequests: true,
      logBodies: true,
    });
    personSecret = person.secret;
    const probe = await createKeyByApi(request, write.secret, { policies: ["users:read"] });
    const target = await createKeyByApi(request, write.secret, { tags: ["fuzz"] });
    const sacrificial = await createKeyByApi(request, write.secret, {});
    const archived = await createKeyByApi(request, write.secret, {});
    expect(
      (
        await request.post(`/api/v1/api-keys/${archived.keyId}/archive`, { headers: { "X-API-Key": write.secret } })
      ).status(),
    ).toBe(200);
    const webhook = async () => {
      const response = await request.post("/api/v1/webhooks", {
        headers: { "X-API-Key": person.secret },
        data: { url: "https://127.0.0.1:9/fuzz", entity: "User", operationType: "Update" },
      });
      expect(response.status(), await response.text()).toBe(201);
      return ((await response.json()) as { id: string }).id;
    };
    const webhookIds = [await webhook(), await webhook()];

    // The access log works before the run: a probe request shows up on the probe key's Logs tab.
    const probeMarkers: string[] = [];
    const probeStatuses = new Map<string, string>();
    const sendProbe = async (marker: string) => {
      probeMarkers.push(marker);
      const status = await request
        .get(`/api/v1/me?fuzzProbe=${marker}`, { headers: { "X-API-Key": probe.secret } })
        .then(
          (r) => String(r.status()),
          (error: Error) => error.message.split("\n")[0]!,
        );
      probeStatuses.set(marker, status);
    };
    await sendProbe("before");
    expect(
      (await waitForProbe(page, probe.keyId, "before")).has("before"),
      "the access log records requests before the run",
    ).toBe(true);

    // ── Targets ─────────────────────────────────────────────────────────────────────────────────────────────
    const document = (await (await request.get("/api/v1/openapi.json")).json()) as unknown;
    const apis = apiTargets(document);
    // Pages the console links to only when records exist are seeded with the run's own (or no such) records.
    const pages = await crawlConsole(request, [
      "/",
      "/profile",
      "/admin",
      "/login",
      "/docs/api",
      `/admin/api-keys/${target.keyId}`,
      `/admin/api-management/${max!.id}`,
      `/admin/api-management/${max!.id}/webhooks/${webhookIds[0]}`,
      "/profile/api-access/webhooks/00000000-0000-4000-8000-000000000000",
    ]);
    expect(apis.length, "operations in the OpenAPI document").toBeGreaterThan(10);
    expect(
      pages.map((p) => p.template),
      "console pages found by the crawl",
    ).toEqual(
      expect.arrayContaining([
        "/admin/api-keys",
        "/admin/api-keys/{id}",
        "/admin/access-logs",
        "/admin/audit-log",
        "/admin/api-management",
      ]),
    );
    console.log(`[fuzz] ${apis.length} operations: ${apis.map((t) => t.key).join(", ")}`);
    console.log(
      `[fuzz] ${pages.length} console pages: ${pages.map((t) => `${t.template}${t.params.length ? `?${t.params.join("&")}` : ""}`).join(", ")}`,
    );

    const context: RenderContext = {
      host: url.host,
      cookie: consoleCookie(),
      refs: {
        "secret:write": write.secret,
        "secret:read": read.secret,
        "secret:person": person.secret,
        "secret:archived": archived.secret,
        "id:apiKey": target.keyId,
        "id:apiKey:sacrificial": sacrificial.keyId,
        "id:webhook": webhookIds[0]!,
        "id:webhook:sacrificial": webhookIds[1]!,
        "id:none": "00000000-0000-4000-8000-000000000000",
        ...pageRefs(pages),
      },
      forwardedFor: (() => {
        let n = 0;
        return () => {
          n++;
          return `198.18.${(n >> 8) & 0xff}.${n & 0xff}`;
        };
      })(),
    };
    const arbitrary = fuzzCases([...apis, ...pages], {
      document,
      secretRefs: ["secret:write", "secret:read", "secret:person", "secret:archived"],
      // `native` holds every policy; webhooks belong to a person, so their operations use the key acting as Max.
      credentialFor: (t: ApiTarget) =>
        t.auth !== "credential" ? null : t.policy?.startsWith("webhooks:") ? "secret:person" : "secret:write",
      // Records the run may change; archiving and deleting go to records kept for that.
      idFor: (t: ApiTarget) => {
        if (t.template.startsWith("/api/v1/api-keys/"))
          return t.template.endsWith("/archive") ? "id:apiKey:sacrificial" : "id:apiKey";
        if (t.template.startsWith("/api/v1/webhooks/"))
          return t.method === "DELETE" ? "id:webhook:sacrificial" : "id:webhook";
        return "id:none";
      },
    });
    const fuzzer: Fuzzer = {
      arbitrary,
      seed: SEED,
      runs: RUNS,
      lanes: LANES,
      timeoutMs: REQUEST_TIMEOUT_MS,
      exploreLimitMs: EXPLORE_LIMIT_MS,
      send: (fuzzCase) => sendRaw(url.hostname, Number(url.port), render(fuzzCase, context), REQUEST_TIMEOUT_MS),
    };
    const describeCase = (fuzzCase: FuzzCase) => describe(fuzzCase, context);

    // ── Replay of one reported case ────────────────────────────────────────────────────────────────────────
    if (REPLAY) {
      const [lane, ...path] = REPLAY.split(":");
      const minimal = await hunt(
        fuzzer,
        Number(lane),
        path.join(":"),
        ({ answer }) => failureOf(answer, REQUEST_TIMEOUT_MS) !== null,
        30_000,
      );
      expect(minimal, `KEYWARD_FUZZ_REPLAY=${REPLAY} names a case of this seed`).not.toBeNull();
      const failure = failureOf(minimal!.outcome.answer, REQUEST_TIMEOUT_MS);
      const shown = showCase(minimal!, SEED, describeCase, REQUEST_TIMEOUT_MS);
      console.log(`[fuzz] replayed ${REPLAY} with seed ${SEED}: ${failure ?? "clean answer"}\n${shown}`);
      expect(failure, shown).toBeNull();
      return;
    }

    // ── The run ────────────────────────────────────────────────────────────────────────────────────────────
    const exploration = await explore(fuzzer, async (n) => {
      if (n % CHECKPOINT_EVERY === 0) await sendProbe(String(n));
    });
    const all = [...exploration.classes.values()].sort((a, b) => a.key.localeCompare(b.key));
    const failures = all.filter((c) => !c.note);
    const shrinkStarted = Date.now();
    const shrinkRequests = await shrinkAll(fuzzer, failures, SHRINK_BUDGET_MS, SHRINK_PER_CLASS_MS);
    const shrinkSeconds = (Date.now() - shrinkStarted) / 1000;

    // ── Afterwards ─────────────────────────────────────────────────────────────────────────────────────────
    const health = await request.get("/api/health").then(
      (r) => String(r.status()),
      (error: Error) => error.message.split("\n")[0]!,
    );
    await sendProbe("after");
    const seen = await waitForProbe(page, probe.keyId, "after");
    const missing = probeMarkers.filter((m) => !seen.has(m));

    const report = formatReport({
      seed: SEED,
      lanes: LANES,
      exploration,
      exploreLimitMs: EXPLORE_LIMIT_MS,
      failures,
      notes: all.filter((c) => c.note),
      shrinkRequests,
      shrinkSeconds,
      operations: apis.length,
      pages: pages.length,
      totalSeconds: (Date.now() - startedAt) / 1000,
      health,
      probes: { markers: probeMarkers, statuses: probeStatuses, seen, every: CHECKPOINT_EVERY },
      describeCase,
      timeoutMs: REQUEST_TIMEOUT_MS,
    });
    console.log(report);
    await testInfo.attach("fuzz-report.txt", { body: report, contentType: "text/plain" });

    expect(exploration.requests, "generated requests").toBeGreaterThanOrEqual(Math.min(RUNS, 5000));
    expect.soft(health, "GET /api/health after the run").toBe("200");
    expect.soft(missing, "access-log probes missing after the run (see the report)").toEqual([]);
    expect(
      failures.map((c) => `${c.key} (${c.count}×)`),
      "failure classes (the report above shows the smallest request of each and how to replay it)",
    ).toEqual([]);
    finished = true;
  } finally {
    // Max's webhooks made by the run, and the setting, go back to how they were. A failure here must not hide
    // the run's own failure, which is the one to read.
    try {
      if (personSecret) {
        const list = await request.get("/api/v1/webhooks", { headers: { "X-API-Key": personSecret } });
        if (list.ok()) {
          for (const { id } of ((await list.json()) as { data: { id: string }[] }).data) {
            await request.delete(`/api/v1/webhooks/${id}`, { headers: { "X-API-Key": personSecret } });
          }
        }
      }
      await setWritePolicies(page, wasOn);
    } catch (error) {
      if (finished) throw error;
      console.log(`[fuzz] clean-up failed as well: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
});
