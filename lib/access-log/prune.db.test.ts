import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessLogRollups, accessLogs, auditEvents, organizations, type NewAccessLog } from "@/db/schema";
import { updateAccessLogRetention } from "@/lib/services/settings";
import { authorFor, createOrganization, NO_META } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { runPruneJob } from "./prune";
import { createAccessLogWriter } from "./writer";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.close());

const DAY = 86_400_000;
const now = new Date();
const AGES = [1, 10, 40, 100, 400];

async function organizationWithLog(slug: string) {
  const { org, people } = await createOrganization(t.db, slug, [{ name: `Ada ${slug}`, roles: ["administrator"] }]);
  const w = createAccessLogWriter({ getDb: async () => t.db, flushMs: 60_000, retryMs: 60_000, log: () => {} });
  for (const age of AGES) {
    for (let i = 0; i < 3; i++) {
      const entry: NewAccessLog = { organizationId: org.id, method: "GET", path: `/api/v1/me?age=${age}`, status: 200, durationMs: 1, createdAt: new Date(now.getTime() - age * DAY - i * 1_000) };
      w.record(entry);
    }
  }
  await w.flush();
  return { org, admin: people[0]! };
}

const agesLeft = async (organizationId: string) =>
  [...new Set((await t.db.select({ path: accessLogs.path }).from(accessLogs).where(eq(accessLogs.organizationId, organizationId))).map((r) => Number(r.path.split("=")[1])))].sort((a, b) => a - b);
const counted = async (organizationId: string) =>
  (await t.db.select({ n: sql<number>`sum(${accessLogRollups.requests})::int` }).from(accessLogRollups).where(eq(accessLogRollups.organizationId, organizationId)))[0]!.n;

describe("access-log retention", () => {
  it("deletes each organisation's entries older than its Keep access logs for, in batches, and keeps the hourly counts", async () => {
    const short = await organizationWithLog("prune-short");
    const yearly = await organizationWithLog("prune-yearly");
    expect(await updateAccessLogRetention(t.db, authorFor(short.admin), { retention: "30" }, NO_META)).toEqual({ ok: true, value: undefined });

    // Batches of 2 rows per organisation: several transactions, each under the lock.
    const outcome = await runPruneJob(t.db, now, { batch: 2 });
    expect(outcome).toEqual({ ran: true, deleted: 3 * 3 + 3 });
    expect(await agesLeft(short.org.id)).toEqual([1, 10]);
    // The default, 365 days, prunes only what is older than a year.
    expect(await agesLeft(yearly.org.id)).toEqual([1, 10, 40, 100]);
    expect(await counted(short.org.id)).toBe(AGES.length * 3);
    expect(await counted(yearly.org.id)).toBe(AGES.length * 3);
    expect(await runPruneJob(t.db, now)).toEqual({ ran: true, deleted: 0 });
  });

  it("refuses a retention that is not offered, with a field error, and changes nothing", async () => {
    const { org, people } = await createOrganization(t.db, "prune-crafted", [{ name: "Ada Crafted", roles: ["administrator"] }]);
    const admin = people[0]!;
    for (const retention of ["7", 30, "36500", null]) {
      expect(await updateAccessLogRetention(t.db, authorFor(admin), { retention }, NO_META)).toMatchObject({ ok: false, reason: "invalid", field: "retention" });
    }
    const [row] = await t.db.select({ days: organizations.accessLogRetentionDays }).from(organizations).where(eq(organizations.id, org.id));
    expect(row!.days).toBe(365);
    expect(await t.db.select().from(auditEvents).where(eq(auditEvents.organizationId, org.id))).toHaveLength(0);

    await updateAccessLogRetention(t.db, authorFor(admin), { retention: "90" }, NO_META);
    const events = await t.db.select().from(auditEvents).where(eq(auditEvents.organizationId, org.id));
    expect(events).toEqual([
      expect.objectContaining({ action: "settings.updated", metadata: { changes: { accessLogRetentionDays: { before: 365, after: 90 } } } }),
    ]);
  });
});
