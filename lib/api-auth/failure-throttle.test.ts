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
const { FAILED_API_AUTH_PER_MINUTE, THROTTLE_RECHECK_MS } = await import("./failure-throttle");
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

  it("sees another instance's refusals within a second, and at once on its own next refusal", async () => {
    const address = "198.51.100.44";
    const { db } = await getHandle();
    expect((await authenticate(from(address, secret), NO_BODY)).ok).toBe(true);
    // Another instance counts the address's refusals up to the limit in the shared table.
    const shared = { key: `api-auth-failures:ip:${address}`, limit: FAILED_API_AUTH_PER_MINUTE, windowMs: 60_000 };
    for (let i = 0; i < FAILED_API_AUTH_PER_MINUTE; i++) await hitRateLimit(db, shared);

    // This instance answered "not limited" a moment ago and trusts that for at most a second...
    expect((await authenticate(from(address, secret), NO_BODY)).ok).toBe(true);
    vi.setSystemTime(Date.now() + THROTTLE_RECHECK_MS);
    // ...then reads the shared counter again.
    const later = await authenticate(from(address, secret), NO_BODY);
    expect(!later.ok && later.response.status).toBe(429);

    // A refusal counted here learns the shared count at once, whatever this instance last read.
    const other = "198.51.100.45";
    expect((await authenticate(from(other, secret), NO_BODY)).ok).toBe(true);
    for (let i = 0; i < FAILED_API_AUTH_PER_MINUTE - 1; i++) await hitRateLimit(db, { ...shared, key: `api-auth-failures:ip:${other}` });
    const refused = await authenticate(from(other, "not-a-real-custom-code-at-the-limit-0123456789"), NO_BODY);
    expect(!refused.ok && refused.response.status).toBe(401);
    const next = await authenticate(from(other, secret), NO_BODY);
    expect(!next.ok && next.response.status).toBe(429);
  });
});
