import "server-only";
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "@/db/client";
import { userRoles, users } from "@/db/schema";
import { sortRoles, type Role } from "@/lib/auth/roles";

export interface PersonRow {
  id: string;
  name: string;
  email: string;
  roles: Role[];
}

/** The organisation's people with their roles, by name; optionally only those holding `role`. */
export async function listPeople(db: Executor, organizationId: string, role?: Role): Promise<PersonRow[]> {
  const holders = db.select({ userId: userRoles.userId }).from(userRoles).where(eq(userRoles.role, role!));
  const rows = await db
    .select({
      id: users.id,
      name: users.name,
      email: users.email,
      roles: sql<Role[]>`coalesce(array_agg(${userRoles.role}::text) filter (where ${userRoles.role} is not null), '{}')`,
    })
    .from(users)
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(and(eq(users.organizationId, organizationId), role ? inArray(users.id, holders) : undefined))
    .groupBy(users.id)
    .orderBy(asc(users.name), asc(users.email));
  return rows.map((row) => ({ ...row, roles: sortRoles(parseRoles(row.roles)) }));
}

// postgres.js parses text[] into an array; PGlite may hand back the literal `{a,b}`.
function parseRoles(value: Role[] | string): Role[] {
  if (Array.isArray(value)) return value;
  return value.replace(/^\{|\}$/g, "").split(",").filter(Boolean) as Role[];
}

export async function getPerson(db: Executor, organizationId: string, userId: string) {
  const [person] = await db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.id, userId), eq(users.organizationId, organizationId)));
  return person ?? null;
}
