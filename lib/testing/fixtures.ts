import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations, userRoles, users } from "@/db/schema";
import type { Author } from "@/lib/author";
import type { Role } from "@/lib/auth/roles";

/** An organisation with one person per given role set, for database tests. */
export async function createOrganization(db: Db, slug: string, people: { name: string; roles: Role[] }[]) {
  const [org] = await db.insert(organizations).values({ slug, name: `${slug} Inc.` }).returning();
  const created = [];
  for (const person of people) {
    const [user] = await db
      .insert(users)
      .values({ organizationId: org!.id, name: person.name, email: `${person.name.toLowerCase().replace(/\s+/g, ".")}@${slug}.test` })
      .returning();
    await db.insert(userRoles).values(person.roles.map((role) => ({ userId: user!.id, role })));
    created.push(user!);
  }
  return { org: org!, people: created };
}

/** A person of a test organisation, acting for themselves. */
export const authorFor = (user: { id: string; name: string; organizationId: string }): Author => ({
  audit: { type: "user", id: user.id, label: user.name, organizationId: user.organizationId },
  userId: user.id,
});

export async function setRoles(db: Db, userId: string, roles: Role[]) {
  await db.delete(userRoles).where(eq(userRoles.userId, userId));
  await db.insert(userRoles).values(roles.map((role) => ({ userId, role })));
}

export const NO_META = { ip: null, userAgent: null };
