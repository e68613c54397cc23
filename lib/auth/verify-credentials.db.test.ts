import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoData } from "@/db/seed";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { lockedUntil, MAX_FAILURES } from "./sign-in-guard";
import { verifyCredentials } from "./verify-credentials";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData(t.db);
});
afterAll(() => t.close());

const attempt = (email: string, password: string) => verifyCredentials(t.db, { email, password, ip: "198.51.100.1" });

describe("signing in with a password", () => {
  it("accepts the right password, case-insensitively on the e-mail", async () => {
    expect(await attempt("Member@Acme.test", "keyward-demo")).toMatchObject({ ok: true });
  });

  it("gives the same answer for a wrong password and an unknown e-mail", async () => {
    expect(await attempt("member@acme.test", "wrong")).toEqual({ ok: false, reason: "invalid" });
    expect(await attempt("nobody@acme.test", "wrong")).toEqual({ ok: false, reason: "invalid" });
  });

  it(`locks an e-mail out after ${MAX_FAILURES} failures, even for the right password, until the window passes`, async () => {
    for (let i = 0; i < MAX_FAILURES; i++) await attempt("lead@acme.test", `wrong-${i}`);
    const locked = await attempt("lead@acme.test", "keyward-demo");
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    const until = await lockedUntil(t.db, "lead@acme.test");
    expect(until!.getTime()).toBeGreaterThan(Date.now());
    expect(await lockedUntil(t.db, "lead@acme.test", new Date(until!.getTime() + 1000))).toBeNull();
  });

  it("clears the failure count after a successful sign-in", async () => {
    for (let i = 0; i < MAX_FAILURES - 1; i++) await attempt("admin@acme.test", "wrong");
    expect(await attempt("admin@acme.test", "keyward-demo")).toMatchObject({ ok: true });
    expect(await attempt("admin@acme.test", "wrong")).toEqual({ ok: false, reason: "invalid" });
    expect(await lockedUntil(t.db, "admin@acme.test")).toBeNull();
  });
});
