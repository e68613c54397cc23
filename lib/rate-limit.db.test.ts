import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { addRateLimitTallies, hitRateLimit, isRateLimited, tallyId } from "./rate-limit";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.close());

const now = new Date("2026-11-30T10:00:30Z");
const minute = new Date("2026-11-30T10:00:00Z");

describe("tallies added in one statement", () => {
  it("adds each key's hits to its window and answers the totals, reading the keys sent with no hits", async () => {
    await hitRateLimit(t.db, { key: "tally:a", limit: 10, windowMs: 60_000 }, now);
    await hitRateLimit(t.db, { key: "tally:read", limit: 10, windowMs: 60_000 }, now);
    const totals = await addRateLimitTallies(
      t.db,
      [
        { key: "tally:a", windowStart: minute, hits: 3 },
        { key: "tally:b", windowStart: minute, hits: 2 },
        { key: "tally:read", windowStart: minute, hits: 0 },
        { key: "tally:unknown", windowStart: minute, hits: 0 },
      ],
      now,
    );
    expect(totals.get(tallyId("tally:a", minute))).toBe(4);
    expect(totals.get(tallyId("tally:b", minute))).toBe(2);
    expect(totals.get(tallyId("tally:read", minute))).toBe(1);
    expect(totals.get(tallyId("tally:unknown", minute))).toBe(0);
    expect(await isRateLimited(t.db, { key: "tally:b", limit: 2, windowMs: 60_000 }, now)).toBe(true);
    // A key only read leaves no row behind.
    expect(await isRateLimited(t.db, { key: "tally:unknown", limit: 1, windowMs: 60_000 }, now)).toBe(false);
  });

  it("loses no hit when batches for the same keys run at once", async () => {
    const batch = () =>
      addRateLimitTallies(t.db, [
        { key: "tally:race:1", windowStart: minute, hits: 1 },
        { key: "tally:race:2", windowStart: minute, hits: 2 },
      ], now);
    await Promise.all(Array.from({ length: 10 }, batch));
    const totals = await addRateLimitTallies(t.db, [
      { key: "tally:race:1", windowStart: minute, hits: 0 },
      { key: "tally:race:2", windowStart: minute, hits: 0 },
    ], now);
    expect(totals.get(tallyId("tally:race:1", minute))).toBe(10);
    expect(totals.get(tallyId("tally:race:2", minute))).toBe(20);
  });
});
