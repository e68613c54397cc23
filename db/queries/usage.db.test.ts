import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personalApiKeys, type NewAccessLog } from "@/db/schema";
import { createAccessLogWriter } from "@/lib/access-log/writer";
import { createOrganization } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { getUsage, listBusiestAccessCodes } from "./usage";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 180_000);
afterAll(async () => t?.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
// Mid-hour, so that "an hour ago" and "now" fall in whole hours of their own.
const now = new Date(Math.floor(Date.now() / HOUR) * HOUR + HOUR / 2);

describe("the usage charts' reads", () => {
  it("counts per hour for 24 hours and per day for 30 days, by scope and status class, within one organisation", async () => {
    const { org, people } = await createOrganization(t.db, "usage-read", [{ name: "Ada Usage", roles: ["administrator"] }]);
    const other = await createOrganization(t.db, "usage-other", []);
    const [personal] = await t.db.insert(personalApiKeys).values({ organizationId: org.id, userId: people[0]!.id, keyHash: randomUUID(), prefix: "kwpk_x" }).returning();
    const keyId = randomUUID();
    const w = createAccessLogWriter({ getDb: async () => t.db, flushMs: 60_000, retryMs: 60_000, log: () => {} });
    const log = (ago: number, status: number, extra: Partial<NewAccessLog>, organizationId = org.id) =>
      w.record({ organizationId, method: "GET", path: "/api/v1/me", status, durationMs: 1, createdAt: new Date(now.getTime() - ago), ...extra });
    const code = (prefix: string) => ({ apiKeyId: keyId, credentialKind: "access_code", credentialId: prefix, accessCodePrefix: prefix });
    log(0, 200, code("kwak_a"));
    log(0, 302, code("kwak_a"));
    log(HOUR, 403, code("kwak_b"));
    log(HOUR, 503, code("kwak_a"));
    log(3 * DAY, 200, code("kwak_b"));
    log(40 * DAY, 200, code("kwak_b"));
    log(0, 200, { credentialKind: "personal_key", credentialId: personal!.id });
    log(0, 200, code("kwak_a"), other.org.id);
    await w.flush();

    const key = { kind: "api_key", apiKeyId: keyId } as const;
    const day = await getUsage(t.db, org.id, key, "24h", {}, now);
    expect(day.buckets).toHaveLength(24);
    expect(day.totals).toEqual({ "2xx": 2, "4xx": 1, "5xx": 1, all: 4 });
    expect(day.buckets.at(-1)!.counts).toEqual({ "2xx": 2, "4xx": 0, "5xx": 0 });
    expect(day.buckets.at(-2)!.counts).toEqual({ "2xx": 0, "4xx": 1, "5xx": 1 });

    const month = await getUsage(t.db, org.id, key, "30d", {}, now);
    expect(month.buckets).toHaveLength(30);
    expect(month.totals.all).toBe(5);
    expect((await getUsage(t.db, org.id, key, "30d", { status: "4xx" }, now)).totals).toEqual({ "2xx": 0, "4xx": 1, "5xx": 0, all: 1 });
    expect((await getUsage(t.db, org.id, key, "24h", { lastMs: HOUR / 4 }, now)).totals.all).toBe(2);
    expect((await getUsage(t.db, org.id, { kind: "personal_key", userId: people[0]!.id }, "24h", {}, now)).totals.all).toBe(1);
    expect((await getUsage(t.db, org.id, { kind: "organization" }, "24h", {}, now)).totals.all).toBe(5);
    expect(await listBusiestAccessCodes(t.db, org.id, keyId, "30d", now)).toEqual([
      { prefix: "kwak_a", requests: 3 },
      { prefix: "kwak_b", requests: 2 },
    ]);
    // Another organisation's key id reads nothing of this one.
    expect((await getUsage(t.db, other.org.id, key, "30d", {}, now)).totals.all).toBe(1);
  });
});
