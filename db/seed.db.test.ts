import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { migrateDatabase } from "./migrate";
import { organizations, userRoles, users } from "./schema";
import { isEmpty, seedDemoData } from "./seed";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
});
afterAll(() => t.close());

describe("migrations and demo data", () => {
  it("apply to an empty database and again without error", async () => {
    expect(await isEmpty(t.db)).toBe(true);
    await migrateDatabase(t.db, t.driver);
  });

  it("seed the demo organisations once, however often the seed runs", async () => {
    await seedDemoData(t.db);
    await seedDemoData(t.db);
    const orgs = await t.db.select({ slug: organizations.slug }).from(organizations).orderBy(organizations.slug);
    expect(orgs.map((o) => o.slug)).toEqual(["acme", "globex"]);
    const [people] = await t.db.select({ n: count() }).from(users);
    expect(people?.n).toBe(4);
    const gus = await t.db
      .select({ role: userRoles.role })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(eq(users.email, "admin@globex.test"));
    expect(gus.map((r) => r.role).sort()).toEqual(["administrator", "office_lead"]);
  });

  it("leave a changed demo person as they are", async () => {
    await t.db.update(users).set({ name: "Ada Renamed" }).where(eq(users.email, "admin@acme.test"));
    await seedDemoData(t.db);
    const [ada] = await t.db.select({ name: users.name }).from(users).where(eq(users.email, "admin@acme.test"));
    expect(ada?.name).toBe("Ada Renamed");
  });
});
