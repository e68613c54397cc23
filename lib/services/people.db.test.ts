import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditEvents, organizations, userRoles, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import type { Author } from "@/lib/author";
import { createTestDatabase, type TestDatabase } from "@/lib/testing/test-database";
import { updatePersonRoles } from "./people";

let t: TestDatabase;
let acme: string;
let ids: Record<string, string>;
const meta = { ip: "203.0.113.7", userAgent: "vitest" };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedDemoData(t.db);
  acme = (await t.db.select().from(organizations).where(eq(organizations.slug, "acme")))[0]!.id;
  ids = Object.fromEntries((await t.db.select().from(users)).map((u) => [u.email, u.id]));
});
afterAll(() => t.close());

const ada = (): Author => ({
  audit: { type: "user", id: ids["admin@acme.test"]!, label: "Ada Admin", organizationId: acme },
  userId: ids["admin@acme.test"]!,
});

async function rolesOf(email: string) {
  const rows = await t.db.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, ids[email]!));
  return rows.map((r) => r.role).sort();
}

describe("changing a person's roles", () => {
  it("commits the new roles together with their audit event", async () => {
    const outcome = await updatePersonRoles(t.db, ada(), { userId: ids["member@acme.test"]!, roles: ["member", "office_lead"] }, meta);
    expect(outcome.ok).toBe(true);
    expect(await rolesOf("member@acme.test")).toEqual(["member", "office_lead"]);
    const [event] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "person.roles_updated"), eq(auditEvents.targetId, ids["member@acme.test"]!)));
    expect(event).toMatchObject({
      organizationId: acme,
      actorLabel: "Ada Admin",
      targetLabel: "Max Member",
      ip: "203.0.113.7",
      metadata: { before: ["member"], after: ["office_lead", "member"] },
    });
  });

  it("refuses to remove the organisation's last Administrator and changes nothing", async () => {
    const outcome = await updatePersonRoles(t.db, ada(), { userId: ids["admin@acme.test"]!, roles: ["member"] }, meta);
    expect(outcome).toEqual({ ok: false, reason: "conflict", message: "An organisation needs at least one Administrator.", field: "roles" });
    expect(await rolesOf("admin@acme.test")).toEqual(["administrator"]);
  });

  it("cannot reach a person of another organisation", async () => {
    const outcome = await updatePersonRoles(t.db, ada(), { userId: ids["admin@globex.test"]!, roles: ["member"] }, meta);
    expect(outcome).toMatchObject({ ok: false, reason: "not_found" });
    expect(await rolesOf("admin@globex.test")).toEqual(["administrator", "office_lead"]);
  });

  it("keeps one Administrator when two remove each other at the same moment", async () => {
    await updatePersonRoles(t.db, ada(), { userId: ids["lead@acme.test"]!, roles: ["administrator", "office_lead"] }, meta);
    const lea: Author = {
      audit: { type: "user", id: ids["lead@acme.test"]!, label: "Lea Lead", organizationId: acme },
      userId: ids["lead@acme.test"]!,
    };
    const results = await Promise.all([
      updatePersonRoles(t.db, ada(), { userId: ids["lead@acme.test"]!, roles: ["office_lead"] }, meta),
      updatePersonRoles(t.db, lea, { userId: ids["admin@acme.test"]!, roles: ["member"] }, meta),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    const admins = await t.db
      .select({ id: userRoles.userId })
      .from(userRoles)
      .innerJoin(users, eq(users.id, userRoles.userId))
      .where(and(eq(users.organizationId, acme), eq(userRoles.role, "administrator")));
    expect(admins).toHaveLength(1);
  });
});
