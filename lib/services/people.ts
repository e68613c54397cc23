import "server-only";
import { and, count, eq, ne } from "drizzle-orm";
import type { Db } from "@/db/client";
import { getPerson } from "@/db/queries/people";
import { organizations, userRoles, users } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { Author } from "@/lib/author";
import { sortRoles, type Role } from "@/lib/auth/roles";
import type { RequestMeta } from "@/lib/request-meta";
import { fail, ok, type Result } from "@/lib/result";

export type UpdatedRoles = { person: { id: string; name: string }; roles: Role[] };

const LAST_ADMINISTRATOR = "An organisation needs at least one Administrator.";

/**
 * Replaces a person's roles, with its audit event, in one transaction. Role changes in one organisation are
 * serialised by locking the organisation row, so two Administrators removing each other at once cannot leave it
 * with none.
 */
export async function updatePersonRoles(
  db: Db,
  author: Author,
  input: { userId: string; roles: Role[] },
  meta: RequestMeta,
): Promise<Result<UpdatedRoles>> {
  return db.transaction(async (tx) => {
    await tx.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, author.audit.organizationId)).for("update");
    const person = await getPerson(tx, author.audit.organizationId, input.userId);
    if (!person) return fail("not_found", "That person was not found.");

    const before = sortRoles(
      (await tx.select({ role: userRoles.role }).from(userRoles).where(eq(userRoles.userId, person.id))).map((r) => r.role),
    );
    const after = sortRoles(input.roles);
    if (before.includes("administrator") && !after.includes("administrator")) {
      const [others] = await tx
        .select({ n: count() })
        .from(userRoles)
        .innerJoin(users, eq(users.id, userRoles.userId))
        .where(
          and(eq(users.organizationId, author.audit.organizationId), eq(userRoles.role, "administrator"), ne(users.id, person.id)),
        );
      if ((others?.n ?? 0) === 0) return fail("conflict", LAST_ADMINISTRATOR, "roles");
    }

    await tx.delete(userRoles).where(eq(userRoles.userId, person.id));
    await tx.insert(userRoles).values(after.map((role) => ({ userId: person.id, role })));
    await writeAudit(
      tx,
      author.audit,
      {
        action: "person.roles_updated",
        target: { id: person.id, label: person.name },
        metadata: { before, after },
      },
      meta,
    );
    return ok({ person: { id: person.id, name: person.name }, roles: after });
  });
}
