import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, userSessions } from "@/db/schema";
import { createOrganization } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { isSessionLive, revokeSession, startSession } from "./sessions";

let t: TestDatabase;
let person: { id: string; name: string; organizationId: string };
beforeAll(async () => {
  t = await createTestDatabase();
  const { people } = await createOrganization(t.db, "sess", [{ name: "Sue Session", roles: ["member"] }]);
  person = people[0]!;
}, 60_000);
afterAll(async () => t?.close());

const HOUR = 3600_000;
const limits = { lifetimeMs: 7 * 24 * HOUR, idleMs: 2 * HOUR };
const meta = { ip: "198.51.100.5", userAgent: "vitest" };

/** A session that started `ageMs` ago and was last used `idleMs` ago. */
async function sessionAged(ageMs: number, idleMs: number) {
  const id = await startSession(t.db, person.id, meta, { method: "password" });
  const now = Date.now();
  await t.db
    .update(userSessions)
    .set({ createdAt: new Date(now - ageMs), lastSeenAt: new Date(now - idleMs) })
    .where(eq(userSessions.id, id));
  return id;
}

describe("console sessions", () => {
  it("start with a session.signed_in audit event naming the method, never a secret", async () => {
    const id = await startSession(t.db, person.id, meta, { method: "sso", issuer: "https://id.example.test" });
    const [event] = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, id));
    expect(event).toMatchObject({
      organizationId: person.organizationId,
      actorType: "user",
      actorId: person.id,
      actorLabel: "Sue Session",
      action: "session.signed_in",
      targetType: "session",
      metadata: { method: "sso", issuer: "https://id.example.test" },
      ip: "198.51.100.5",
    });
  });

  it("stay live while used, however often the cookie is re-issued, until the absolute lifetime", async () => {
    const busy = await sessionAged(7 * 24 * HOUR - 60_000, 30_000);
    expect(await isSessionLive(t.db, busy, person.id, new Date(), limits)).toBe(true);
    expect(await isSessionLive(t.db, busy, person.id, new Date(Date.now() + 2 * 60_000), limits)).toBe(false);
  });

  it("end after the idle timeout, and every request moves the idle clock", async () => {
    const idle = await sessionAged(3 * HOUR, 2 * HOUR + 1000);
    expect(await isSessionLive(t.db, idle, person.id, new Date(), limits)).toBe(false);

    const used = await sessionAged(3 * HOUR, 2 * HOUR - 60_000);
    expect(await isSessionLive(t.db, used, person.id, new Date(), limits)).toBe(true);
    // The request just now counted: an hour later the session is still live.
    expect(await isSessionLive(t.db, used, person.id, new Date(Date.now() + HOUR), limits)).toBe(true);
  });

  it("end when revoked, and belong to their person only", async () => {
    const id = await sessionAged(0, 0);
    const [other] = (await createOrganization(t.db, "sess2", [{ name: "Oli Other", roles: ["member"] }])).people;
    expect(await isSessionLive(t.db, id, other!.id, new Date(), limits)).toBe(false);
    await revokeSession(t.db, id);
    expect(await isSessionLive(t.db, id, person.id, new Date(), limits)).toBe(false);
  });
});
