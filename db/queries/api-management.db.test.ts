import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { personalApiKeys, users, webhooks } from "@/db/schema";
import { clearPersonalKey, enablePersonalKey } from "@/lib/services/personal-api-keys";
import { authorFor, createOrganization, NO_META } from "@/lib/testing/fixtures";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { API_ACCESS_PAGE_SIZE, listApiAccessPeople } from "./api-management";

let t: TestDatabase;
beforeAll(async () => {
  t = await createTestDatabase();
}, 60_000);
afterAll(async () => t?.close());

describe("API Management's list of people with API access", () => {
  it("shows each person once, from their newest key, filtered by API access, searched and sorted in the database", async () => {
    const { org, people } = await createOrganization(t.db, "mgmt", [
      { name: "Ada Admin", roles: ["administrator"] },
      { name: "Bob Builder", roles: ["member"] },
      { name: "Cy Clear", roles: ["member"] },
      { name: "Dee Never", roles: ["member"] },
    ]);
    const [ada, bob, cy, dee] = people as unknown as [(typeof people)[0], (typeof people)[0], (typeof people)[0], (typeof people)[0]];
    await enablePersonalKey(t.db, authorFor(bob), NO_META);
    await enablePersonalKey(t.db, authorFor(cy), NO_META);
    await clearPersonalKey(t.db, authorFor(ada), cy.id, NO_META);
    await t.db.insert(webhooks).values([
      { organizationId: org.id, userId: bob.id, url: "https://a.example/1", entity: "User", operationType: "Update", secretCiphertext: "x" },
      { organizationId: org.id, userId: bob.id, url: "https://a.example/2", entity: "User", operationType: "Create", secretCiphertext: "x" },
      { organizationId: org.id, userId: dee.id, url: "https://a.example/3", entity: "User", operationType: "Delete", secretCiphertext: "x" },
    ]);

    const active = await listApiAccessPeople(t.db, org.id, {});
    expect(active.rows.map((r) => [r.name, r.status, r.webhookCount])).toEqual([["Bob Builder", "enabled", 2]]);
    expect(active.rows[0]!.enabledOn).toBeInstanceOf(Date);
    expect(Number.isNaN(active.rows[0]!.enabledOn!.getTime())).toBe(false);
    expect(active.total).toBe(1);

    const inactive = await listApiAccessPeople(t.db, org.id, { access: "inactive" });
    expect(inactive.rows.map((r) => [r.name, r.status, r.webhookCount, r.prefix])).toEqual([
      ["Cy Clear", "cleared", 0, expect.stringMatching(/^kwpk_/)],
      ["Dee Never", "none", 1, null],
    ]);
    const all = await listApiAccessPeople(t.db, org.id, { access: "all" });
    expect(all.rows.map((r) => r.name)).toEqual(["Bob Builder", "Cy Clear", "Dee Never"]);
    expect(all.total).toBe(3);

    expect((await listApiAccessPeople(t.db, org.id, { q: "clear" })).rows).toEqual([]);
    expect((await listApiAccessPeople(t.db, org.id, { access: "all", q: "clear" })).rows.map((r) => r.name)).toEqual(["Cy Clear"]);
    expect((await listApiAccessPeople(t.db, org.id, { q: "bob.builder@" })).rows.map((r) => r.name)).toEqual(["Bob Builder"]);
    expect((await listApiAccessPeople(t.db, org.id, { q: "%" })).rows).toEqual([]);
    expect((await listApiAccessPeople(t.db, org.id, { access: "all", sort: "webhooks", dir: "desc" })).rows[0]!.name).toBe("Bob Builder");
    expect((await listApiAccessPeople(t.db, org.id, { access: "all", sort: "status", dir: "asc" })).rows[0]!.name).toBe("Cy Clear");
  });

  // How fast it is at this size is measured by `npm run bench:queries`, not asserted here.
  it("pages and searches through 10,000 people in the database", { timeout: 60_000 }, async () => {
    const { org } = await createOrganization(t.db, "big", []);
    const batch = 1000;
    for (let start = 0; start < 10_000; start += batch) {
      const inserted = await t.db
        .insert(users)
        .values(Array.from({ length: batch }, (_, i) => ({ organizationId: org.id, name: `Person ${String(start + i).padStart(5, "0")}`, email: `p${start + i}@big.test` })))
        .returning({ id: users.id });
      await t.db.insert(personalApiKeys).values(
        inserted.map((u, i) => ({ organizationId: org.id, userId: u.id, keyHash: `h${start + i}`, prefix: `kwpk_${String(start + i).padStart(8, "0")}` })),
      );
    }
    const page = await listApiAccessPeople(t.db, org.id, { sort: "last_used", dir: "desc", page: 40 });
    const searched = await listApiAccessPeople(t.db, org.id, { q: "Person 0999" });
    expect(page.total).toBe(10_000);
    expect(page.rows).toHaveLength(API_ACCESS_PAGE_SIZE);
    expect(page.pageCount).toBe(400);
    expect(searched.rows.map((r) => r.name)).toEqual(Array.from({ length: 10 }, (_, i) => `Person 0999${i}`));
  });
});
