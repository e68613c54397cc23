import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";

// The authenticator opens the process's database: an in-memory one here, restored after for the files that share
// this worker.
vi.hoisted(() => {
  vi.stubEnv("PGLITE_DATA_DIR", "memory://");
  vi.stubEnv("DATABASE_URL", undefined);
  vi.stubEnv("KEYWARD_TRUSTED_PROXIES", undefined);
});

const { closeDb, getHandle } = await import("@/db/client");
const { migrateDatabase } = await import("@/db/migrate");
const { authorFor, createOrganization } = await import("@/lib/testing/fixtures");
const { createApiKey } = await import("@/lib/services/api-keys");
const { createApiKeySchema } = await import("@/lib/validators/api-keys");
const { authenticate } = await import("./authenticate");
const { FAILED_API_AUTH_PER_MINUTE, LOCAL_SHARE, THROTTLE_RECHECK_MS, syncFailureCounts } = await import("./failure-throttle");
const { rateLimitCounters } = await import("@/db/schema");
const { eq, like } = await import("drizzle-orm");
const { hitRateLimit } = await import("@/lib/rate-limit");

/** These requests carry no body: the route wrapper would hand over an empty one. */
const NO_BODY = { text: "", type: null };

let secret = "";
beforeAll(async () => {
  const { db, driver } = await getHandle();
  await migrateDatabase(db, driver);
  const { people } = await createOrganization(db, "throttle", [{ name: "Ada Admin", roles: ["administrator"] }]);
  const created = await createApiKey(
    db,
    authorFor(people[0]!),
    createApiKeySchema.parse({ name: "Throttle", policies: ["users:read"] }),
    { ip: null, userAgent: null },
  );
  if (!created.ok) throw new Error(created.message);
  secret = created.value.code.secret;
});
afterAll(async () => {
  await syncFailureCounts((await getHandle()).db);
  await closeDb();
  vi.unstubAllEnvs();
});

// Each test runs at one frozen instant, 5 s into a minute, so its requests cannot straddle two rate-limit windows.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(Math.floor(Date.now() / 60_000) * 60_000 + 65_000);
});
afterEach(() => {
  vi.useRealTimers();
});

/**
 * A request as the app sees it: the chain ends with the peer the server appended, and anything before it is what
 * the client wrote.
 */
const from = (peer: string, code: string, forged?: string) =>
  new Request("http://localhost/api/v1/me", {
    headers: { "x-api-key": code, "x-forwarded-for": forged ? `${forged}, ${peer}` : peer },
  });

describe("failed API authentication", () => {
  it(`is throttled per client address after ${FAILED_API_AUTH_PER_MINUTE} refusals a minute, with 429 and Retry-After`, async () => {
    const statuses: number[] = [];
    for (let i = 0; i < FAILED_API_AUTH_PER_MINUTE + 5; i++) {
      // A new forged X-Forwarded-For every time, which used to count as a new address.
      const outcome = await authenticate(from("203.0.113.40", `not-a-real-custom-code-${i}-0123456789abcdef`, `6.6.${i}.6`), NO_BODY);
      statuses.push(outcome.ok ? 200 : outcome.response.status);
    }
    expect(statuses.slice(0, FAILED_API_AUTH_PER_MINUTE).every((s) => s === 401)).toBe(true);
    expect(statuses.slice(FAILED_API_AUTH_PER_MINUTE)).toEqual([429, 429, 429, 429, 429]);

    // Even a right guess learns nothing from that address until the window ends.
    const right = await authenticate(from("203.0.113.40", secret), NO_BODY);
    expect(right.ok).toBe(false);
    const response = !right.ok ? right.response : new Response();
    expect(response.status).toBe(429);
    expect(Number(response.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(response.headers.get("content-type")).toContain("application/problem+json");

    // Another address, and good credentials in general, are not affected.
    expect((await authenticate(from("198.51.100.41", secret), NO_BODY)).ok).toBe(true);
  });

  it("counts mistyped Keyward-shaped values too, and never requests that succeed", async () => {
    for (let i = 0; i < 50; i++) expect((await authenticate(from("198.51.100.42", secret), NO_BODY)).ok).toBe(true);
    for (let i = 0; i < FAILED_API_AUTH_PER_MINUTE; i++) {
      const outcome = await authenticate(from("198.51.100.43", "kwak_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000"), NO_BODY);
      expect(!outcome.ok && outcome.response.status).toBe(401);
    }
    const after = await authenticate(from("198.51.100.43", secret), NO_BODY);
    expect(!after.ok && after.response.status).toBe(429);
  });

  it("sees another instance's refusals at its next sync, and sends its own in batches", async () => {
    const address = "198.51.100.44";
    const { db } = await getHandle();
    // The first request from an address reads nothing; the next one has the shared count read.
    expect((await authenticate(from(address, secret), NO_BODY)).ok).toBe(true);
    expect((await authenticate(from(address, secret), NO_BODY)).ok).toBe(true);
    await syncFailureCounts(db);
    // Another instance counts the address's refusals up to the limit in the shared table.
    const shared = { key: `api-auth-failures:ip:${address}`, limit: FAILED_API_AUTH_PER_MINUTE, windowMs: 60_000 };
    for (let i = 0; i < FAILED_API_AUTH_PER_MINUTE; i++) await hitRateLimit(db, shared);

    // This instance read "not limited" a moment ago and trusts that for at most a second...
    expect((await authenticate(from(address, secret), NO_BODY)).ok).toBe(true);
    await syncFailureCounts(db);
    expect((await authenticate(from(address, secret), NO_BODY)).ok).toBe(true);
    vi.setSystemTime(Date.now() + THROTTLE_RECHECK_MS);
    // ...then the next request asks for the shared count, and once it is in, the address is refused.
    expect((await authenticate(from(address, secret), NO_BODY)).ok).toBe(true);
    await syncFailureCounts(db);
    const later = await authenticate(from(address, secret), NO_BODY);
    expect(!later.ok && later.response.status).toBe(429);
  });

  it(`lets an address another instance has nearly used up through for at most ${LOCAL_SHARE} more refusals here`, async () => {
    const { db } = await getHandle();
    const address = "198.51.100.45";
    const key = { key: `api-auth-failures:ip:${address}`, limit: FAILED_API_AUTH_PER_MINUTE, windowMs: 60_000 };
    for (let i = 0; i < FAILED_API_AUTH_PER_MINUTE - 1; i++) await hitRateLimit(db, key);
    const statuses: number[] = [];
    for (let i = 0; i < LOCAL_SHARE + 3; i++) {
      const outcome = await authenticate(from(address, `not-a-real-custom-code-at-the-limit-${i}-0123456789`), NO_BODY);
      statuses.push(outcome.ok ? 200 : outcome.response.status);
    }
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThanOrEqual(1);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(LOCAL_SHARE);
    expect(statuses.at(-1)).toBe(429);

    // Every refusal counted here reaches the shared table, where other instances read it.
    await syncFailureCounts(db);
    const [row] = await db.select().from(rateLimitCounters).where(eq(rateLimitCounters.key, key.key));
    expect(row?.count).toBe(FAILED_API_AUTH_PER_MINUTE - 1 + statuses.filter((s) => s === 401).length);
  });

  it(`sends an address's refusals ${LOCAL_SHARE} at a time, losing none when many addresses are refused at once`, async () => {
    const { db } = await getHandle();
    const guessing = Array.from({ length: 60 }, (_, i) => `192.0.2.${i + 1}`);
    const once = Array.from({ length: 60 }, (_, i) => `198.18.7.${i + 1}`);
    await Promise.all([
      ...guessing.flatMap((a) =>
        Array.from({ length: LOCAL_SHARE }, (_, i) => authenticate(from(a, `not-a-real-custom-code-many-${i}-0123456789abcdef`), NO_BODY)),
      ),
      ...once.map((a) => authenticate(from(a, "not-a-real-custom-code-just-once-0123456789abcdef"), NO_BODY)),
    ]);
    await syncFailureCounts(db);
    const rows = await db.select().from(rateLimitCounters).where(like(rateLimitCounters.key, "api-auth-failures:ip:%"));
    const countOf = (addresses: string[]) =>
      rows.filter((r) => addresses.some((a) => r.key === `api-auth-failures:ip:${a}`)).reduce((sum, r) => sum + r.count, 0);
    expect(countOf(guessing)).toBe(guessing.length * LOCAL_SHARE);
    // A single refusal stays in this instance's memory: within the documented bound, and no write for it.
    expect(countOf(once)).toBe(0);
  });
});
