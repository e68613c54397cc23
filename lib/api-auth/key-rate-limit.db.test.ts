import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@/db/schema";
import { resolveAccessCode } from "@/lib/api-auth/resolvers/access-code";
import { resolvePersonalKey } from "@/lib/api-auth/resolvers/personal-key";
import { invalidateVerificationCache } from "@/lib/api-auth/resolvers/verification-cache";
import { createApiKey, updateApiKey } from "@/lib/services/api-keys";
import { enablePersonalKey } from "@/lib/services/personal-api-keys";
import { updatePersonalKeyRateLimit } from "@/lib/services/settings";
import { authorFor, createOrganization, NO_META } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createApiKeySchema, updateApiKeySchema } from "@/lib/validators/api-keys";
import { updatePersonalKeyRateLimitSchema } from "@/lib/validators/settings";
import { consumeRateLimits, createKeyRateLimiter, leaseSize, rateLimitHeaders, type RateLimitSubject } from "./key-rate-limit";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.close());

/** A clock the test moves; the limiter reads it on every request. */
function clock(iso: string) {
  let at = new Date(iso);
  return { now: () => at, set: (next: string) => (at = new Date(next)) };
}

let subjects = 0;
const subject = (requests: number, per: "second" | "minute" | "hour"): RateLimitSubject => ({
  subject: `api-key:test-${++subjects}`,
  limit: { requests, per },
});

describe("a key's rate limit", () => {
  it("admits the limit, refuses the rest with the seconds to the window's end, and admits again in the next window", async () => {
    const time = clock("2026-12-02T10:00:40.000Z");
    const limiter = createKeyRateLimiter({ now: time.now });
    const key = subject(3, "minute");
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await limiter.consume(t.db, key));
    expect(answers.map((a) => [a.allowed, a.remaining, a.resetSeconds])).toEqual([
      [true, 2, 20],
      [true, 1, 20],
      [true, 0, 20],
      [false, 0, 20],
      [false, 0, 20],
    ]);
    expect(rateLimitHeaders(answers[3]!)).toEqual({ "RateLimit-Policy": '"default";q=3;w=60', RateLimit: '"default";r=0;t=20' });

    time.set("2026-12-02T10:00:59.400Z");
    expect(await limiter.consume(t.db, key)).toMatchObject({ allowed: false, resetSeconds: 1 });
    time.set("2026-12-02T10:01:00.000Z");
    expect(await limiter.consume(t.db, key)).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 60 });
  });

  it("holds per second and per hour too, and a raised limit admits more within the same window", async () => {
    const time = clock("2026-12-02T10:30:00.250Z");
    const limiter = createKeyRateLimiter({ now: time.now });
    const perSecond = subject(2, "second");
    expect((await limiter.consume(t.db, perSecond)).allowed).toBe(true);
    expect((await limiter.consume(t.db, perSecond)).allowed).toBe(true);
    expect(await limiter.consume(t.db, perSecond)).toMatchObject({ allowed: false, resetSeconds: 1 });

    const perHour = subject(1, "hour");
    expect(await limiter.consume(t.db, perHour)).toMatchObject({ allowed: true, resetSeconds: 1800 });
    expect(await limiter.consume(t.db, perHour)).toMatchObject({ allowed: false, resetSeconds: 1800 });
    // Raised from 1 to 2 per hour: the request already made counts, one more is admitted.
    const raised = { ...perHour, limit: { requests: 2, per: "hour" as const } };
    expect(await limiter.consume(t.db, raised)).toMatchObject({ allowed: true, remaining: 0 });
    expect((await limiter.consume(t.db, raised)).allowed).toBe(false);
  });

  it("costs a key without a limit nothing: no database is even asked", async () => {
    const db = new Proxy({}, { get: () => { throw new Error("the database was used"); } });
    expect(await consumeRateLimits(db as never, [])).toBeNull();
  });

  it("two instances sharing the database together admit no more than the limit, and refuse early by at most their unused leases", async () => {
    const time = clock("2026-12-02T11:00:05.000Z");
    const instances = [createKeyRateLimiter({ now: time.now }), createKeyRateLimiter({ now: time.now })];
    const key = subject(500, "minute");
    const lease = leaseSize(500);
    expect(lease).toBe(10);
    let admitted = 0;
    // Interleaved, as a load balancer would spread them, and concurrent within each round.
    for (let round = 0; round < 400; round++) {
      const answers = await Promise.all(instances.map((limiter) => limiter.consume(t.db, key)));
      admitted += answers.filter((a) => a.allowed).length;
    }
    expect(admitted).toBeLessThanOrEqual(500);
    expect(admitted).toBeGreaterThanOrEqual(500 - instances.length * (lease - 1));
  });
});

describe("the limits the resolvers carry", () => {
  it("an access code carries its key's limit, saved in Details and audited; a key without one carries none", async () => {
    const { people } = await createOrganization(t.db, "limits", [{ name: "Lee Limit", roles: ["administrator"] }]);
    const lee = authorFor(people[0]!);
    const created = await createApiKey(t.db, lee, createApiKeySchema.parse({ name: "Limited", policies: ["users:read"] }), NO_META);
    if (!created.ok) throw new Error(created.message);
    const { key, code } = created.value;
    const resolve = () => resolveAccessCode(code.secret, { db: t.db, account: null, transport: "x_api_key_header" });
    expect(await resolve()).toMatchObject({ ok: true, rateLimits: [] });

    const input = updateApiKeySchema.parse({ rateLimit: { requests: "3", per: "minute" } });
    expect(await updateApiKey(t.db, lee, key.publicId, input, NO_META)).toMatchObject({ ok: true });
    const limited = await resolve();
    expect(limited.ok && limited.rateLimits).toEqual([{ subject: expect.stringMatching(/^api-key:/), limit: { requests: 3, per: "minute" } }]);
    const [event] = await t.db
      .select({ metadata: auditEvents.metadata })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "api_key.updated"), eq(auditEvents.targetId, key.publicId)));
    expect(event?.metadata).toEqual({ changes: { rateLimit: { before: null, after: { requests: 3, per: "minute" } } } });

    // An empty Requests field turns it off.
    const off = updateApiKeySchema.parse({ rateLimit: { requests: "", per: "minute" } });
    expect(await updateApiKey(t.db, lee, key.publicId, off, NO_META)).toMatchObject({ ok: true });
    invalidateVerificationCache();
    expect(await resolve()).toMatchObject({ ok: true, rateLimits: [] });
  });

  it("a personal key carries the organisation's Rate limit for personal keys, each key with a budget of its own", async () => {
    const { people } = await createOrganization(t.db, "personal-limits", [
      { name: "Ann Admin", roles: ["administrator"] },
      { name: "Moe Member", roles: ["member"] },
    ]);
    const [ann, moe] = people.map((p) => authorFor(p!));
    const enabled = await enablePersonalKey(t.db, moe!, NO_META);
    if (!enabled.ok) throw new Error(enabled.message);
    const resolve = () => resolvePersonalKey(enabled.value.secret, { db: t.db, account: null, transport: "x_api_key_header" });
    expect(await resolve()).toMatchObject({ ok: true, rateLimits: [] });

    const input = updatePersonalKeyRateLimitSchema.parse({ rateLimit: { requests: 10, per: "second" } });
    expect(await updatePersonalKeyRateLimit(t.db, ann!, input, NO_META)).toEqual({ ok: true, value: undefined });
    const limited = await resolve();
    expect(limited.ok && limited.rateLimits).toEqual([
      { subject: `personal-key:${limited.ok ? limited.principal.credential.id : ""}`, limit: { requests: 10, per: "second" } },
    ]);
    const events = await t.db
      .select({ metadata: auditEvents.metadata })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "settings.updated"), eq(auditEvents.organizationId, ann!.audit.organizationId)));
    expect(events.map((e) => e.metadata)).toEqual([
      { changes: { personalKeyRateLimit: { before: null, after: { requests: 10, per: "second" } } } },
    ]);
  });
});
