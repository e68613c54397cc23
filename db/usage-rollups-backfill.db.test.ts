import { randomUUID } from "node:crypto";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessLogRollups, accessLogs, companyCredentials, oauthAccessTokens, personalApiKeys, type NewAccessLog } from "@/db/schema";
import { getUsage, type UsageScope } from "@/db/queries/usage";
import { createAccessLogWriter } from "@/lib/access-log/writer";
import { createOrganization } from "@/lib/testing/fixtures";
import { readMigration } from "@/lib/testing/migration-file";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";

let t: TestDatabase;
let backfill: string;

beforeAll(async () => {
  t = await createTestDatabase();
  backfill = await readMigration("_backfill_usage_rollups.sql");
}, 180_000);
afterAll(async () => t?.close());

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date(Math.floor(Date.now() / HOUR) * HOUR + HOUR / 2);

/** As the migrator runs it: in a transaction; a zone off UTC by half an hour would show hours cut in local time. */
const runBackfill = () =>
  t.db.transaction(async (tx) => {
    await tx.execute(sql`set local time zone 'Asia/Kolkata'`);
    await tx.execute(sql.raw(backfill));
  });

const allRollups = () =>
  t.db
    .select()
    .from(accessLogRollups)
    .orderBy(asc(accessLogRollups.organizationId), asc(accessLogRollups.hour), asc(accessLogRollups.credentialKind), asc(accessLogRollups.credentialId), asc(accessLogRollups.statusClass));

describe("the usage rollups' backfill migration", () => {
  it("counts the rows written before the rollups exactly once, leaving what the writer counted as it is", async () => {
    const { org, people } = await createOrganization(t.db, "backfill", [{ name: "Ada Backfill", roles: ["administrator"] }]);
    const other = await createOrganization(t.db, "backfill-other", []);
    const [personal] = await t.db.insert(personalApiKeys).values({ organizationId: org.id, userId: people[0]!.id, keyHash: randomUUID(), prefix: "kwpk_x" }).returning();
    const [credentials] = await t.db
      .insert(companyCredentials)
      .values({ organizationId: org.id, clientId: `kwc_${randomUUID()}`, secretHash: "x", secretPrefix: "kwcs_x" })
      .returning();
    const [kept, deleted] = await t.db
      .insert(oauthAccessTokens)
      .values([1, 2].map((n) => ({ credentialId: credentials!.id, organizationId: org.id, tokenHash: `${randomUUID()}${n}`, expiresAt: new Date(now.getTime() + HOUR) })))
      .returning();
    const keyId = randomUUID();
    const code = (prefix: string) => ({ apiKeyId: keyId, credentialKind: "access_code", credentialId: prefix, accessCodePrefix: prefix });
    const token = (id: string) => ({ credentialKind: "oauth_token", credentialId: id });
    const rows = (count: number, ago: number, status: number, extra: Partial<NewAccessLog>, organizationId = org.id): NewAccessLog[] =>
      Array.from({ length: count }, (_, i) => ({ organizationId, method: "GET", path: "/api/v1/me", status, durationMs: 1, createdAt: new Date(now.getTime() - ago - i * 1_000), ...extra }));

    // Before the rollups: raw rows alone.
    await t.db.insert(accessLogs).values([
      ...rows(3, 0, 200, code("kwak_a")),
      ...rows(1, 0, 404, code("kwak_a")),
      ...rows(2, 0, 200, { credentialKind: "personal_key", credentialId: personal!.id }),
      ...rows(2, 0, 200, token(kept!.id)),
      // A token deleted before the backfill runs counts under itself, as the writer counts it.
      ...rows(1, 0, 500, token(randomUUID())),
      // A refused attempt that named the key but no credential.
      ...rows(1, 0, 401, { apiKeyId: keyId }),
      ...rows(1, HOUR, 302, code("kwak_b")),
      ...rows(1, HOUR, 503, code("kwak_b")),
      ...rows(2, 3 * DAY, 200, code("kwak_a")),
      ...rows(1, 40 * DAY, 200, code("kwak_a")),
      ...rows(1, 0, 200, code("kwak_a"), other.org.id),
    ]);
    // Since the rollups: through the writer, partly in the same hours and buckets as the rows above.
    const w = createAccessLogWriter({ getDb: async () => t.db, flushMs: 60_000, retryMs: 60_000, log: () => {} });
    for (const row of [
      ...rows(2, 0, 200, code("kwak_a")),
      ...rows(1, 0, 200, token(kept!.id)),
      ...rows(3, 2 * HOUR, 200, token(deleted!.id)),
      ...rows(4, 5 * HOUR, 200, code("kwak_b")),
    ])
      w.record(row);
    await w.flush();
    // Since counted: a token deleted a day after it expired, and raw rows removed by retention (their counts stay).
    await t.db.delete(oauthAccessTokens).where(eq(oauthAccessTokens.id, deleted!.id));
    await t.db.delete(accessLogs).where(inArray(accessLogs.createdAt, rows(4, 5 * HOUR, 200, {}).map((row) => row.createdAt!)));

    const usage = (scope: UsageScope, range: "24h" | "30d" = "24h", organizationId = org.id) => getUsage(t.db, organizationId, scope, range, {}, now).then((u) => u.totals);
    expect((await usage({ kind: "organization" })).all).toBe(10);

    await runBackfill();
    const key = { kind: "api_key", apiKeyId: keyId } as const;
    expect(await usage({ kind: "organization" })).toEqual({ "2xx": 18, "4xx": 2, "5xx": 2, all: 22 });
    expect(await usage({ kind: "organization" }, "30d")).toEqual({ "2xx": 20, "4xx": 2, "5xx": 2, all: 24 });
    expect(await usage(key)).toEqual({ "2xx": 10, "4xx": 2, "5xx": 1, all: 13 });
    expect(await usage(key, "30d")).toEqual({ "2xx": 12, "4xx": 2, "5xx": 1, all: 15 });
    expect(await usage({ kind: "personal_key", userId: people[0]!.id })).toEqual({ "2xx": 2, "4xx": 0, "5xx": 0, all: 2 });
    expect(await usage({ kind: "company_credentials" })).toEqual({ "2xx": 6, "4xx": 0, "5xx": 1, all: 7 });
    expect((await usage({ kind: "organization" }, "30d", other.org.id)).all).toBe(1);

    // The live token's rows, before and since, in one bucket under the credentials; the deleted token's counted rows
    // stay under the credentials, not counted again under the token.
    const companyRows = await t.db.select().from(accessLogRollups).where(eq(accessLogRollups.credentialId, credentials!.id));
    expect(companyRows.map((row) => [now.getTime() - row.hour.getTime(), row.requests]).sort()).toEqual([
      [HOUR / 2, 3],
      [2 * HOUR + HOUR / 2, 3],
    ]);
    expect(await t.db.select().from(accessLogRollups).where(eq(accessLogRollups.credentialId, deleted!.id))).toEqual([]);

    const once = await allRollups();
    await runBackfill();
    expect(await allRollups()).toEqual(once);
  });
});
