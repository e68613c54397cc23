import { randomUUID } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { accessLogRollups, companyCredentials, oauthAccessTokens, type NewAccessLog } from "@/db/schema";
import { createOrganization } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createAccessLogWriter } from "./writer";

let t: TestDatabase;

beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.close());

const HOUR = 3_600_000;

/** A writer on the test database whose timers never fire on their own: the test flushes. */
const writer = () => createAccessLogWriter({ getDb: async () => t.db, flushMs: 60_000, retryMs: 60_000, maxBatch: 40, log: () => {} });

async function organization(slug: string) {
  const { org } = await createOrganization(t.db, slug, [{ name: `Ada ${slug}`, roles: ["administrator"] }]);
  return org.id;
}

function entry(organizationId: string, status: number, at: Date, extra: Partial<NewAccessLog> = {}): NewAccessLog {
  return { organizationId, credentialKind: "access_code", credentialId: randomUUID(), method: "GET", path: "/api/v1/me", status, durationMs: 1, createdAt: at, ...extra };
}

async function counts(organizationId: string) {
  const rows = await t.db.select().from(accessLogRollups).where(eq(accessLogRollups.organizationId, organizationId));
  const byHourAndClass: Record<string, number> = {};
  for (const row of rows) {
    const name = `${row.hour.toISOString()} ${row.statusClass}xx`;
    byHourAndClass[name] = (byHourAndClass[name] ?? 0) + row.requests;
  }
  return byHourAndClass;
}

describe("the hourly counts kept by the access-log writer", () => {
  it("counts every written entry once per hour and status class, across batches and writers", async () => {
    const org = await organization("rollup-count");
    const keyId = randomUUID();
    const codeId = randomUUID();
    const hour = new Date(Math.floor(Date.now() / HOUR) * HOUR - 5 * HOUR);
    const one = writer();
    const two = writer();
    const expected: Record<string, number> = {};
    for (let i = 0; i < 100; i++) {
      const at = new Date(hour.getTime() + (i % 2) * HOUR + i * 1_000);
      const status = i % 10 === 0 ? 403 : i % 25 === 0 ? 503 : i % 7 === 0 ? 302 : 200;
      (i % 3 === 0 ? two : one).record(entry(org, status, at, { apiKeyId: keyId, credentialId: codeId, accessCodePrefix: "kwak_abcd" }));
      const name = `${new Date(hour.getTime() + (i % 2) * HOUR).toISOString()} ${String(status)[0]}xx`;
      expected[name] = (expected[name] ?? 0) + 1;
    }
    await Promise.all([one.flush(), two.flush()]);
    expect(await counts(org)).toEqual(expected);
    const rows = await t.db.select().from(accessLogRollups).where(eq(accessLogRollups.organizationId, org));
    // One row per bucket, whichever writer and batch the entries came in.
    expect(rows).toHaveLength(Object.keys(expected).length);
    expect(rows.every((row) => row.apiKeyId === keyId && row.accessCodePrefix === "kwak_abcd")).toBe(true);
  });

  it("buckets by the hour in UTC, whatever the database's time zone, and by status class from 1xx to 5xx", async () => {
    const org = await organization("rollup-edges");
    const hour = Math.floor(Date.now() / HOUR) * HOUR - 2 * HOUR;
    await t.db.transaction(async (tx) => {
      // Chatham is 12:45 ahead of UTC: its hours start 15 minutes into UTC's.
      await tx.execute(sql`set local time zone 'Pacific/Chatham'`);
      const w = createAccessLogWriter({ getDb: async () => tx as unknown as Db, flushMs: 60_000, retryMs: 60_000, log: () => {} });
      // A status outside 100–599 is never sent by the API, but the column is only an integer: it counts at the ends.
      const statuses = [-5, 0, 99, 100, 199, 200, 599, 600, 999, 2 ** 31 - 1];
      for (const status of statuses) w.record(entry(org, status, new Date(hour)));
      w.record(entry(org, 200, new Date(hour - 1)));
      w.record(entry(org, 200, new Date(hour + HOUR - 1)));
      await w.flush();
      expect(w.stats()).toMatchObject({ written: statuses.length + 2, dropped: 0 });
    });
    const at = (ms: number) => new Date(ms).toISOString();
    expect(await counts(org)).toEqual({
      [`${at(hour - HOUR)} 2xx`]: 1,
      [`${at(hour)} 1xx`]: 5,
      [`${at(hour)} 2xx`]: 2,
      [`${at(hour)} 5xx`]: 4,
    });
  });

  it("does not count an entry the database refused, nor the entries of another organisation", async () => {
    const org = await organization("rollup-refused");
    const other = await organization("rollup-other");
    const at = new Date();
    const w = writer();
    for (let i = 0; i < 30; i++) w.record(entry(org, 200, at, i === 11 ? { organizationId: randomUUID() } : {}));
    w.record(entry(other, 404, at));
    await w.flush();
    expect(w.stats()).toMatchObject({ written: 30, dropped: 1 });
    const hour = new Date(Math.floor(at.getTime() / HOUR) * HOUR).toISOString();
    expect(await counts(org)).toEqual({ [`${hour} 2xx`]: 29 });
    expect(await counts(other)).toEqual({ [`${hour} 4xx`]: 1 });
  });

  it("counts an OAuth token's requests under the company credentials that issued it", async () => {
    const org = await organization("rollup-oauth");
    const [credentials] = await t.db
      .insert(companyCredentials)
      .values({ organizationId: org, clientId: `kwc_${randomUUID()}`, secretHash: "x", secretPrefix: "kwcs_x" })
      .returning();
    const tokens = await t.db
      .insert(oauthAccessTokens)
      .values([1, 2].map((n) => ({ credentialId: credentials!.id, organizationId: org, tokenHash: `${randomUUID()}${n}`, expiresAt: new Date(Date.now() + HOUR) })))
      .returning();
    const w = writer();
    const at = new Date();
    for (const token of tokens) {
      w.record(entry(org, 200, at, { credentialKind: "oauth_token", credentialId: token.id }));
      w.record(entry(org, 200, at, { credentialKind: "oauth_token", credentialId: token.id }));
    }
    await w.flush();
    const rows = await t.db.select().from(accessLogRollups).where(eq(accessLogRollups.organizationId, org));
    expect(rows).toEqual([expect.objectContaining({ credentialKind: "company_credentials", credentialId: credentials!.id, statusClass: 2, requests: 4 })]);
  });
});
