import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { organizations } from "@/db/schema";
import { actorFor, createOrganization, NO_META, setRoles } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import {
  clearPersonalKey,
  enablePersonalKey,
  regeneratePersonalKey,
  turnOffPersonalKey,
} from "@/lib/services/personal-api-keys";
import { PERSONAL_KEYS_OFF, resolvePersonalKey } from "./personal-key";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.close());

const resolve = (secret: string) =>
  resolvePersonalKey(secret, { db: t.db, request: new Request("http://x/api/v1/me"), transport: "x_api_key_header" });

describe("personal API keys", () => {
  it("act as the person with their current permissions, re-read on every request", async () => {
    const { people } = await createOrganization(t.db, "perm", [{ name: "Pat Person", roles: ["administrator"] }]);
    const pat = people[0]!;
    const enabled = await enablePersonalKey(t.db, actorFor(pat), NO_META);
    if (!enabled.ok) throw new Error(enabled.reason);
    const first = await resolve(enabled.secret);
    expect(first.ok && first.principal.credential.kind).toBe("personal_key");
    expect(first.ok && first.principal.user?.id).toBe(pat.id);
    expect(first.ok && first.principal.policies).toContain("keys:write");

    await setRoles(t.db, pat.id, ["member"]);
    const second = await resolve(enabled.secret);
    expect(second.ok && second.principal.policies).not.toContain("keys:write");
    expect(second.ok && second.principal.policies).toContain("webhooks:write");
  });

  it("are refused with 401 while the organisation does not allow personal keys", async () => {
    const { org, people } = await createOrganization(t.db, "setting", [{ name: "Sam Setting", roles: ["member"] }]);
    const enabled = await enablePersonalKey(t.db, actorFor(people[0]!), NO_META);
    if (!enabled.ok) throw new Error(enabled.reason);
    expect((await resolve(enabled.secret)).ok).toBe(true);

    await t.db.update(organizations).set({ allowPersonalApiKeys: false }).where(eq(organizations.id, org.id));
    expect(await resolve(enabled.secret)).toEqual({ ok: false, detail: PERSONAL_KEYS_OFF });
    // Nor can anyone get a new one meanwhile.
    expect(await regeneratePersonalKey(t.db, actorFor(people[0]!), NO_META)).toEqual({ ok: false, reason: "not_allowed" });

    await t.db.update(organizations).set({ allowPersonalApiKeys: true }).where(eq(organizations.id, org.id));
    expect((await resolve(enabled.secret)).ok).toBe(true);
  });

  it("allow one live key per person; regenerating, turning off and clearing revoke it at once", async () => {
    const { people } = await createOrganization(t.db, "life", [
      { name: "Lou Life", roles: ["member"] },
      { name: "Ann Admin", roles: ["administrator"] },
    ]);
    const [lou, ann] = people as [(typeof people)[0], (typeof people)[0]];
    const first = await enablePersonalKey(t.db, actorFor(lou), NO_META);
    if (!first.ok) throw new Error(first.reason);
    expect(await enablePersonalKey(t.db, actorFor(lou), NO_META)).toEqual({ ok: false, reason: "already_enabled" });

    const second = await regeneratePersonalKey(t.db, actorFor(lou), NO_META);
    if (!second.ok) throw new Error(second.reason);
    expect((await resolve(first.secret)).ok).toBe(false);
    expect((await resolve(second.secret)).ok).toBe(true);

    expect(await clearPersonalKey(t.db, actorFor(ann), lou.id, NO_META)).toEqual({ ok: true });
    expect((await resolve(second.secret)).ok).toBe(false);
    expect(await turnOffPersonalKey(t.db, actorFor(lou), NO_META)).toEqual({ ok: false, reason: "no_key" });

    const third = await regeneratePersonalKey(t.db, actorFor(lou), NO_META);
    if (!third.ok) throw new Error(third.reason);
    expect(await turnOffPersonalKey(t.db, actorFor(lou), NO_META)).toEqual({ ok: true });
    expect((await resolve(third.secret)).ok).toBe(false);
  });

  it("cannot be cleared across organisations", async () => {
    const a = await createOrganization(t.db, "orga", [{ name: "Ola A", roles: ["administrator"] }]);
    const b = await createOrganization(t.db, "orgb", [{ name: "Bea B", roles: ["member"] }]);
    const key = await enablePersonalKey(t.db, actorFor(b.people[0]!), NO_META);
    if (!key.ok) throw new Error(key.reason);
    expect(await clearPersonalKey(t.db, actorFor(a.people[0]!), b.people[0]!.id, NO_META)).toEqual({ ok: false, reason: "not_found" });
    expect((await resolve(key.secret)).ok).toBe(true);
  });
});
