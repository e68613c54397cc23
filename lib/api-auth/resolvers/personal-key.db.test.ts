import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizations } from "@/db/schema";
import { authorFor, createOrganization, NO_META, setRoles } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import {
  clearPersonalKey,
  enablePersonalKey,
  regeneratePersonalKey,
  turnOffPersonalKey,
} from "@/lib/services/personal-api-keys";
import { resolvePersonalKey } from "./personal-key";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.close());

const resolve = (secret: string) =>
  resolvePersonalKey(secret, { db: t.db, account: null, transport: "x_api_key_header" });

describe("personal API keys", () => {
  it("act as the person with their current permissions, re-read on every request", async () => {
    const { org, people } = await createOrganization(t.db, "perm", [{ name: "Pat Person", roles: ["administrator"] }]);
    const pat = people[0]!;
    await t.db.update(organizations).set({ allowWritePolicies: true }).where(eq(organizations.id, org.id));
    const enabled = await enablePersonalKey(t.db, authorFor(pat), NO_META);
    if (!enabled.ok) throw new Error(enabled.message);
    const first = await resolve(enabled.value.secret);
    expect(first.ok && first.principal.credential.kind).toBe("personal_key");
    expect(first.ok && first.principal.user?.id).toBe(pat.id);
    expect(first.ok && first.principal.policies).toContain("keys:write");

    await setRoles(t.db, pat.id, ["member"]);
    const second = await resolve(enabled.value.secret);
    expect(second.ok && second.principal.policies).not.toContain("keys:write");
    expect(second.ok && second.principal.policies).toContain("webhooks:write");
  });

  it("follow Allow write policies: an Administrator's key writes keys and people only while it is on", async () => {
    const { org, people } = await createOrganization(t.db, "writes", [{ name: "Wes Writer", roles: ["administrator"] }]);
    const enabled = await enablePersonalKey(t.db, authorFor(people[0]!), NO_META);
    if (!enabled.ok) throw new Error(enabled.message);
    const off = await resolve(enabled.value.secret);
    expect(off.ok && off.principal.policies).toEqual(["users:read", "keys:read", "audit:read", "webhooks:read", "webhooks:write"]);

    await t.db.update(organizations).set({ allowWritePolicies: true }).where(eq(organizations.id, org.id));
    const on = await resolve(enabled.value.secret);
    expect(on.ok && on.principal.policies).toEqual(expect.arrayContaining(["users:write", "keys:write"]));
  });

  it("are refused with 401 while the organisation does not allow personal keys", async () => {
    const { org, people } = await createOrganization(t.db, "setting", [{ name: "Sam Setting", roles: ["member"] }]);
    const enabled = await enablePersonalKey(t.db, authorFor(people[0]!), NO_META);
    if (!enabled.ok) throw new Error(enabled.message);
    expect((await resolve(enabled.value.secret)).ok).toBe(true);

    await t.db.update(organizations).set({ allowPersonalApiKeys: false }).where(eq(organizations.id, org.id));
    expect(await resolve(enabled.value.secret)).toEqual({ ok: false, refusal: "personal_keys_off" });
    // Nor can anyone get a new one meanwhile.
    expect(await regeneratePersonalKey(t.db, authorFor(people[0]!), NO_META)).toMatchObject({ ok: false, reason: "forbidden", message: expect.stringContaining("turned off personal API keys") });

    await t.db.update(organizations).set({ allowPersonalApiKeys: true }).where(eq(organizations.id, org.id));
    expect((await resolve(enabled.value.secret)).ok).toBe(true);
  });

  it("allow one live key per person; regenerating, turning off and clearing revoke it at once", async () => {
    const { people } = await createOrganization(t.db, "life", [
      { name: "Lou Life", roles: ["member"] },
      { name: "Ann Admin", roles: ["administrator"] },
    ]);
    const [lou, ann] = people as [(typeof people)[0], (typeof people)[0]];
    const first = await enablePersonalKey(t.db, authorFor(lou), NO_META);
    if (!first.ok) throw new Error(first.message);
    expect(await enablePersonalKey(t.db, authorFor(lou), NO_META)).toMatchObject({ ok: false, reason: "conflict", message: expect.stringContaining("already enabled") });

    const second = await regeneratePersonalKey(t.db, authorFor(lou), NO_META);
    if (!second.ok) throw new Error(second.message);
    expect((await resolve(first.value.secret)).ok).toBe(false);
    expect((await resolve(second.value.secret)).ok).toBe(true);

    expect(await clearPersonalKey(t.db, authorFor(ann), lou.id, NO_META)).toEqual({ ok: true });
    expect((await resolve(second.value.secret)).ok).toBe(false);
    expect(await turnOffPersonalKey(t.db, authorFor(lou), NO_META)).toEqual({ ok: false, reason: "conflict", message: "API access is already off." });

    const third = await regeneratePersonalKey(t.db, authorFor(lou), NO_META);
    if (!third.ok) throw new Error(third.message);
    expect(await turnOffPersonalKey(t.db, authorFor(lou), NO_META)).toEqual({ ok: true });
    expect((await resolve(third.value.secret)).ok).toBe(false);
  });

  it("cannot be cleared across organisations", async () => {
    const a = await createOrganization(t.db, "orga", [{ name: "Ola A", roles: ["administrator"] }]);
    const b = await createOrganization(t.db, "orgb", [{ name: "Bea B", roles: ["member"] }]);
    const key = await enablePersonalKey(t.db, authorFor(b.people[0]!), NO_META);
    if (!key.ok) throw new Error(key.message);
    expect(await clearPersonalKey(t.db, authorFor(a.people[0]!), b.people[0]!.id, NO_META)).toEqual({ ok: false, reason: "not_found", message: "That person was not found." });
    expect((await resolve(key.value.secret)).ok).toBe(true);
  });
});
