import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { accessCodes, accessLogRollups, accessLogs, apiKeys, organizations, type NewAccessLog } from "@/db/schema";
import { createApiKey } from "@/lib/services/api-keys";
import { authorFor, createOrganization, NO_META } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { createApiKeySchema } from "@/lib/validators/api-keys";
import { createAccessLogWriter, type WriterOptions } from "./writer";

let t: TestDatabase;
let organizationId: string;
let key: { id: string };
let code: { id: string };
let otherKey: { id: string };

beforeAll(async () => {
  t = await createTestDatabase();
  const { org, people } = await createOrganization(t.db, "writer", [{ name: "Ada Writer", roles: ["administrator"] }]);
  organizationId = org.id;
  const created = await createApiKey(t.db, authorFor(people[0]!), createApiKeySchema.parse({ name: "Logged" }), NO_META);
  if (!created.ok) throw new Error(created.message);
  key = created.value.key;
  code = created.value.code;
  const other = await createApiKey(t.db, authorFor(people[0]!), createApiKeySchema.parse({ name: "Other" }), NO_META);
  if (!other.ok) throw new Error(other.message);
  otherKey = other.value.key;
}, 60_000);
afterAll(async () => t?.close());

function entry(path: string, extra: Partial<NewAccessLog> = {}): NewAccessLog {
  return {
    organizationId,
    apiKeyId: key.id,
    credentialKind: "access_code",
    credentialId: code.id,
    method: "POST",
    path,
    status: 200,
    ip: "203.0.113.7",
    userAgent: "vitest",
    durationMs: 3,
    createdAt: new Date(),
    ...extra,
  };
}

/** A writer on the test database whose timers never fire on their own: the test flushes. */
function writer(overrides: Partial<WriterOptions> = {}) {
  const messages: string[] = [];
  const w = createAccessLogWriter({
    getDb: async () => t.db,
    flushMs: 60_000,
    retryMs: 60_000,
    maxBatch: 50,
    log: (message) => messages.push(message),
    ...overrides,
  });
  return { w, messages };
}

const logged = async (prefix: string) =>
  (await t.db.select({ path: accessLogs.path, requestBody: accessLogs.requestBody, userAgent: accessLogs.userAgent }).from(accessLogs))
    .filter((row) => row.path.startsWith(prefix));

/** The database as an outage shows it: every query fails the way postgres.js fails on a refused connection. */
function outage(db: Db, down: () => boolean): () => Promise<Db> {
  const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" });
  return async () => {
    if (down()) throw refused;
    return db;
  };
}

describe("the access-log writer", () => {
  it("writes every other entry when one among many is refused for its data, and counts the one it drops", async () => {
    const { w, messages } = writer();
    for (let i = 0; i < 240; i++) {
      // An organisation that does not exist: the hourly counts' foreign key refuses this row whatever its text.
      const poisoned = i === 120 ? { organizationId: randomUUID() } : {};
      w.record(entry(`/api/v1/poison/${i}`, poisoned));
    }
    await w.flush();
    expect(await logged("/api/v1/poison/")).toHaveLength(239);
    expect(w.stats()).toMatchObject({ queued: 0, dropped: 1 });
    expect(messages.some((m) => /dropped an entry the database refused \(23503\); 1 dropped/.test(m))).toBe(true);
    // The writer is not stuck: the next entry goes in at the next flush.
    w.record(entry("/api/v1/poison/after"));
    await w.flush();
    expect(await logged("/api/v1/poison/after")).toHaveLength(1);
  });

  it("is deleted with its organisation, and no other organisation's log with it", async () => {
    const { org: leaving } = await createOrganization(t.db, "writer-leaving", [{ name: "Lou Leaving", roles: ["administrator"] }]);
    const { w } = writer();
    w.record(entry("/api/v1/leaving/kept"));
    w.record(entry("/api/v1/leaving/gone", { organizationId: leaving.id, apiKeyId: null, credentialId: null }));
    await w.flush();
    expect(w.stats()).toMatchObject({ written: 2, dropped: 0 });
    const countsOf = async (id: string) =>
      (await t.db.select().from(accessLogRollups).where(eq(accessLogRollups.organizationId, id))).length;
    expect(await countsOf(leaving.id)).toBe(1);

    await t.db.delete(organizations).where(eq(organizations.id, leaving.id));
    expect((await logged("/api/v1/leaving/")).map((row) => row.path)).toEqual(["/api/v1/leaving/kept"]);
    expect(await countsOf(leaving.id)).toBe(0);
  });

  it("stores what a client sent with U+0000 in its path, user agent and body, without the NUL", async () => {
    const { w } = writer();
    w.record(entry("/api/v1/nul/\u0000x", { userAgent: "curl\u0000", requestBody: "a\u0000b" }));
    w.record(Promise.resolve(entry("/api/v1/nul/late", { responseBody: "\u0000\ud83d" })));
    await w.drain(Date.now() + 5_000);
    expect(await logged("/api/v1/nul/")).toEqual(
      expect.arrayContaining([{ path: "/api/v1/nul/x", userAgent: "curl", requestBody: "ab" }]),
    );
    expect(await logged("/api/v1/nul/late")).toHaveLength(1);
  });

  it("keeps entries and \"last used\" while the database is unavailable, and writes them once it answers", async () => {
    let down = true;
    const { w, messages } = writer({ getDb: outage(t.db, () => down) });
    const usedAt = new Date(Date.now() + 60_000);
    const otherUsedAt = new Date(Date.now() + 120_000);
    w.record(entry("/api/v1/outage/1", { createdAt: usedAt }), { accessCodeId: code.id, apiKeyId: key.id });
    w.record(entry("/api/v1/outage/2", { createdAt: otherUsedAt }), { apiKeyId: otherKey.id });
    await w.flush();
    await w.flush();
    expect(w.stats()).toMatchObject({ queued: 2, touches: 3, dropped: 0 });
    expect(messages.filter((m) => /not answering/.test(m))).toHaveLength(1);

    down = false;
    const report = await w.drain(Date.now() + 5_000);
    expect(report).toEqual({ written: 2, dropped: 0, remaining: 0 });
    expect(await logged("/api/v1/outage/")).toHaveLength(2);
    const [codeRow] = await t.db.select({ at: accessCodes.lastUsedAt }).from(accessCodes).where(eq(accessCodes.id, code.id));
    const [keyRow] = await t.db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, key.id));
    const [otherRow] = await t.db.select({ at: apiKeys.lastUsedAt }).from(apiKeys).where(eq(apiKeys.id, otherKey.id));
    // Each credential gets the time of its own last use, not the batch's latest.
    expect(codeRow!.at?.getTime()).toBe(usedAt.getTime());
    expect(keyRow!.at?.getTime()).toBe(usedAt.getTime());
    expect(otherRow!.at?.getTime()).toBe(otherUsedAt.getTime());
  });

  it("reports what a drain could not write before its deadline", async () => {
    const { w } = writer({ getDb: outage(t.db, () => true), retryMs: 50 });
    w.record(entry("/api/v1/never"));
    expect(await w.drain(Date.now() + 200)).toEqual({ written: 0, dropped: 0, remaining: 1 });
  });
});
