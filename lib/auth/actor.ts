import "server-only";
import { cache } from "react";
import { eq } from "drizzle-orm";
import { forbidden, redirect } from "next/navigation";
import { getDb } from "@/db/client";
import { organizations, userRoles, users } from "@/db/schema";
import { auth } from "./config";
import { permissionsFor, type Permission } from "./permissions";
import { sortRoles, type Role } from "./roles";
import { isSessionLive } from "./sessions";

/** The signed-in person as the database knows them now: the session supplies only who signed in. */
export interface Actor {
  userId: string;
  name: string;
  email: string;
  organization: { id: string; slug: string; name: string };
  roles: Role[];
  permissions: Permission[];
}

/**
 * Loads the person of a live console session with their organisation and current roles, or null if the session
 * was revoked, outlived its lifetime or idle timeout, or the person no longer exists.
 */
export async function loadActor(userId: string, sessionId: string): Promise<Actor | null> {
  const db = await getDb();
  if (!(await isSessionLive(db, sessionId, userId))) return null;
  const rows = await db
    .select({
      userId: users.id,
      name: users.name,
      email: users.email,
      orgId: organizations.id,
      orgSlug: organizations.slug,
      orgName: organizations.name,
      role: userRoles.role,
    })
    .from(users)
    .innerJoin(organizations, eq(organizations.id, users.organizationId))
    .leftJoin(userRoles, eq(userRoles.userId, users.id))
    .where(eq(users.id, userId));
  const first = rows[0];
  if (!first) return null;
  const roles = sortRoles(rows.flatMap((row) => (row.role ? [row.role] : [])));
  return {
    userId: first.userId,
    name: first.name,
    email: first.email,
    organization: { id: first.orgId, slug: first.orgSlug, name: first.orgName },
    roles,
    permissions: permissionsFor(roles),
  };
}

/** The signed-in person, read once per request. */
export const getActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const userId = session?.user?.id;
  const sessionId = session?.sessionId;
  return userId && sessionId ? loadActor(userId, sessionId) : null;
});

/** For pages: the signed-in person, or a redirect to sign-in. */
export async function requireActor(): Promise<Actor> {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return actor;
}

/** For pages: the signed-in person holding `permission`, or the 403 page. */
export async function requirePagePermission(permission: Permission): Promise<Actor> {
  const actor = await requireActor();
  if (!actor.permissions.includes(permission)) forbidden();
  return actor;
}

/**
 * For server actions: the signed-in person if they hold `permission` now, else null. Every action calls it,
 * because any action can be called directly with any payload, whatever the page showed.
 */
export async function requirePermission(permission: Permission): Promise<Actor | null> {
  const actor = await getActor();
  return actor?.permissions.includes(permission) ? actor : null;
}

export const can = (actor: Actor, permission: Permission) => actor.permissions.includes(permission);
