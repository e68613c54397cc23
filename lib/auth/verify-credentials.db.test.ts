import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import {
  ADDRESS_LIMIT,
  FAILURE_WINDOW_MS,
  MAX_DELAY_MS,
  PAIR_LIMIT,
  refusalFor,
  reserveAttempt,
  slowDownDelayMs,
  SLOW_DOWN_AFTER,
} from "./sign-in-guard";
import { verifyCredentials } from "./verify-credentials";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData(t.db);
});
afterAll(() => t.close());

const attempt = (email: string, password: string, ip = "198.51.100.1") =>
  verifyCredentials(t.db, { email, password, meta: { ip, userAgent: "vitest" } });

const PASSWORD = "keyward-demo";

describe("signing in with a password", () => {
  it("accepts the right password, case-insensitively on the e-mail", async () => {
    expect(await attempt("Member@Acme.test", PASSWORD)).toMatchObject({ ok: true });
  });

  it("gives the same answer for a wrong password and an unknown e-mail", async () => {
    expect(await attempt("member@acme.test", "wrong", "198.51.100.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("nobody@acme.test", "wrong", "198.51.100.2")).toEqual({ ok: false, reason: "invalid" });
  });

  it(`checks at most ${PAIR_LIMIT} passwords of a parallel burst from one address, the right one included`, { timeout: 60_000 }, async () => {
    const burst = [
      ...Array.from({ length: 40 }, (_, i) => attempt("lead@acme.test", `wrong-${i}`, "203.0.113.50")),
      attempt("lead@acme.test", PASSWORD, "203.0.113.50"),
    ];
    const answers = await Promise.all(burst);
    const checked = answers.filter((a) => a.ok || a.reason === "invalid");
    const refused = answers.filter((a) => !a.ok && a.reason === "throttled");
    expect(checked).toHaveLength(PAIR_LIMIT);
    expect(refused).toHaveLength(answers.length - PAIR_LIMIT);
    expect(refused[0]).toMatchObject({ refusal: { reason: "locked", until: expect.any(Date) } });
  });

  it("lets the owner sign in from another address while an attacker hammers their e-mail", { timeout: 60_000 }, async () => {
    const hammering = Array.from({ length: 30 }, (_, i) => attempt("admin@globex.test", `guess-${i}`, "203.0.113.66"));
    const owner = attempt("admin@globex.test", PASSWORD, "198.51.100.77");
    expect(await owner).toMatchObject({ ok: true });
    const attacker = await Promise.all(hammering);
    expect(attacker.filter((a) => !a.ok && a.reason === "invalid")).toHaveLength(PAIR_LIMIT);
    // The attacker's address stays locked for this e-mail; the owner's does not.
    expect(await attempt("admin@globex.test", PASSWORD, "203.0.113.66")).toMatchObject({ reason: "throttled" });
    expect(await attempt("admin@globex.test", PASSWORD, "198.51.100.77")).toMatchObject({ ok: true });
  });

  it(`locks an address that fails ${ADDRESS_LIMIT} times across e-mails, for every e-mail`, async () => {
    const ip = "203.0.113.80";
    // Reserved straight away (the password check adds nothing here but time), one e-mail each.
    for (let i = 0; i < ADDRESS_LIMIT - 1; i++) {
      expect(await reserveAttempt(t.db, `spray-${i}@acme.test`, ip)).toMatchObject({ ok: true });
    }
    expect(await attempt("spray-last@acme.test", "wrong", ip)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("member@acme.test", PASSWORD, ip)).toMatchObject({
      ok: false,
      reason: "throttled",
      refusal: { reason: "address" },
    });
    expect(await attempt("member@acme.test", PASSWORD, "198.51.100.81")).toMatchObject({ ok: true });
  }, 60_000);

  it("slows an e-mail failing from many addresses down with a growing delay, and never locks it", async () => {
    const email = "rotated@acme.test";
    const start = new Date("2031-05-01T10:00:00Z");
    const at = (seconds: number) => new Date(start.getTime() + seconds * 1000);
    for (let i = 0; i < SLOW_DOWN_AFTER; i++) {
      expect(await reserveAttempt(t.db, email, `192.0.2.${i + 1}`, at(i))).toMatchObject({ ok: true });
    }
    // An address that already tried must wait before its next attempt; the wait doubles with every failure.
    const delay = slowDownDelayMs(SLOW_DOWN_AFTER);
    expect(await reserveAttempt(t.db, email, "192.0.2.5", at(4 + delay / 2000))).toMatchObject({
      ok: false,
      refusal: { reason: "slowed", until: new Date(at(4).getTime() + delay) },
    });
    expect(await reserveAttempt(t.db, email, "192.0.2.5", at(4 + delay / 1000))).toMatchObject({ ok: true });
    expect(slowDownDelayMs(SLOW_DOWN_AFTER + 3)).toBe(2 * slowDownDelayMs(SLOW_DOWN_AFTER + 2));
    expect(slowDownDelayMs(1000)).toBe(MAX_DELAY_MS);
    // A new address is never held back by the others' failures, however many: the e-mail is slowed, not locked.
    for (let i = 0; i < 20; i++) await reserveAttempt(t.db, email, `192.0.2.${100 + i}`, at(10));
    expect(await reserveAttempt(t.db, email, "198.51.100.200", at(11))).toMatchObject({ ok: true });
  }, 60_000);

  it("lets failures age out rather than forgetting them when the right password comes", async () => {
    // Four typos by the owner stay under the slow-down threshold; the fifth failure locks the pair.
    const ip = "198.51.100.90";
    const email = "admin@acme.test";
    for (let i = 0; i < PAIR_LIMIT - 1; i++) await attempt(email, "wrong", ip);
    expect(await attempt(email, PASSWORD, ip)).toMatchObject({ ok: true });
    expect(await attempt(email, "wrong", ip)).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt(email, PASSWORD, ip)).toMatchObject({ ok: false, reason: "throttled" });
    expect(await refusalFor(t.db, email, ip)).toMatchObject({ reason: "locked" });
    expect(await refusalFor(t.db, email, ip, new Date(Date.now() + FAILURE_WINDOW_MS + 1000))).toBeNull();
  }, 60_000);

  it("records a wrong password for an existing person in their organisation's audit log, without the password", async () => {
    const [max] = await t.db.select().from(users).where(eq(users.email, "member@acme.test"));
    await attempt("member@acme.test", "wrong-and-secret", "198.51.100.95");
    const events = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "session.sign_in_failed"), eq(auditEvents.ip, "198.51.100.95")));
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({
      organizationId: max!.organizationId,
      actorType: "system",
      targetId: max!.id,
      metadata: { email: "member@acme.test", method: "password", reason: "wrong_password" },
    });
    expect(JSON.stringify(events)).not.toContain("wrong-and-secret");
  });
});
