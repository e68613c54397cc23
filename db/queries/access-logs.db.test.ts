import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { accessLogs, personalApiKeys } from "@/db/schema";
import { enablePersonalKey } from "@/lib/services/personal-api-keys";
import { authorFor, createOrganization, NO_META } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { listAccessLogs, listPersonalKeyOwners } from "./access-logs";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.close());

describe("the access log's credentials and time range", () => {
  it("names the person behind a personal key, and filters by person, company credentials and a custom range", async () => {
    const { org, people } = await createOrganization(t.db, "logs", [
      { name: "Max Member", roles: ["member"] },
      { name: "Bea Other", roles: ["member"] },
    ]);
    const [max, bea] = people as unknown as [(typeof people)[0], (typeof people)[0]];
    await enablePersonalKey(t.db, authorFor(max), NO_META);
    await enablePersonalKey(t.db, authorFor(bea), NO_META);
    const keys = await t.db.select({ id: personalApiKeys.id, userId: personalApiKeys.userId }).from(personalApiKeys);
    const keyOf = (userId: string) => keys.find((k) => k.userId === userId)!.id;
    const base = { organizationId: org.id, method: "GET", status: 200, durationMs: 1 };
    await t.db.insert(accessLogs).values([
      { ...base, path: "/max", credentialKind: "personal_key", credentialId: keyOf(max.id), createdAt: new Date("2026-12-01T10:00:00Z") },
      { ...base, path: "/bea", credentialKind: "personal_key", credentialId: keyOf(bea.id), createdAt: new Date("2026-12-01T11:00:00Z") },
      { ...base, path: "/company", credentialKind: "oauth_token", credentialId: "t1", createdAt: new Date("2026-12-01T12:00:00Z") },
    ]);

    const all = await listAccessLogs(t.db, org.id);
    expect(all.entries.map((e) => [e.path, e.personalKeyOwner])).toEqual([
      ["/company", null],
      ["/bea", "Bea Other"],
      ["/max", "Max Member"],
    ]);
    const paths = async (filters: Parameters<typeof listAccessLogs>[2]) =>
      (await listAccessLogs(t.db, org.id, filters)).entries.map((e) => e.path);
    expect(await paths({ credential: { kind: "personal_key", userId: max.id } })).toEqual(["/max"]);
    expect(await paths({ credential: { kind: "personal_key" } })).toEqual(["/bea", "/max"]);
    expect(await paths({ credential: { kind: "oauth_token" } })).toEqual(["/company"]);
    expect(await paths({ from: new Date("2026-12-01T10:30:00Z"), to: new Date("2026-12-01T11:00:00Z") })).toEqual(["/bea"]);
    expect((await listPersonalKeyOwners(t.db, org.id)).map((p) => p.name)).toEqual(["Bea Other", "Max Member"]);
  });
});
