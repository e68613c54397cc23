import type { AuditActor } from "@/lib/audit-catalogue";
import type { Actor } from "@/lib/auth/actor";

/**
 * Who makes a change, for every service: a person in the console, or a credential in the API. `audit` is how the
 * log names them; `userId` is the person the change is made as (recorded as creator, owner of what they create),
 * null for a credential that acts as no one.
 */
export interface Author {
  audit: AuditActor;
  userId: string | null;
}

/** A signed-in person, acting for themselves. */
export const personAuthor = (person: Pick<Actor, "userId" | "name" | "organization">): Author => ({
  audit: { type: "user", id: person.userId, label: person.name, organizationId: person.organization.id },
  userId: person.userId,
});
