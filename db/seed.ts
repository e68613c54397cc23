import { count, eq } from "drizzle-orm";
import { hashPassword } from "@/lib/auth/password";
import type { Role } from "@/lib/auth/roles";
import type { Db } from "./client";
import { organizations, userRoles, users } from "./schema";

export const DEMO_PASSWORD = "keyward-demo";

export const DEMO_ORGANIZATIONS = [
  {
    slug: "acme",
    name: "Acme Construction",
    people: [
      { email: "admin@acme.test", name: "Ada Admin", roles: ["administrator"] },
      { email: "lead@acme.test", name: "Lea Lead", roles: ["office_lead"] },
      { email: "member@acme.test", name: "Max Member", roles: ["member"] },
    ],
  },
  {
    slug: "globex",
    name: "Globex Corporation",
    people: [{ email: "admin@globex.test", name: "Gus Globex", roles: ["administrator", "office_lead"] }],
  },
] as const satisfies readonly {
  slug: string;
  name: string;
  people: readonly { email: string; name: string; roles: readonly Role[] }[];
}[];

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(organizations);
  return (row?.n ?? 0) === 0;
}

/**
 * Creates the demo organisations and people. Idempotent: existing rows (matched by slug and e-mail) are left as
 * they are, so running it twice, or on a database where someone changed a demo person, changes nothing.
 */
export async function seedDemoData(db: Db): Promise<void> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    for (const org of DEMO_ORGANIZATIONS) {
      await tx.insert(organizations).values({ slug: org.slug, name: org.name }).onConflictDoNothing();
      const [{ id: organizationId }] = (await tx
        .select({ id: organizations.id })
        .from(organizations)
        .where(eq(organizations.slug, org.slug))) as [{ id: string }];
      for (const person of org.people) {
        const inserted = await tx
          .insert(users)
          .values({ organizationId, email: person.email, name: person.name, passwordHash })
          .onConflictDoNothing()
          .returning({ id: users.id });
        const userId = inserted[0]?.id;
        if (userId) await tx.insert(userRoles).values(person.roles.map((role) => ({ userId, role })));
      }
    }
  });
}
