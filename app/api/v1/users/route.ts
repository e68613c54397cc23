import { getDb } from "@/db/client";
import { listPeople } from "@/db/queries/people";
import { json } from "@/lib/api/problem";
import { withPrincipal } from "@/lib/api/route";
import type { ApiUser } from "@/lib/validators/people";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** The organisation's people with their roles. */
export const GET = withPrincipal("users:read", async ({ principal }) => {
  const people = await listPeople(await getDb(), principal.organization.id);
  return json({ data: people.map((p): ApiUser => ({ id: p.id, name: p.name, email: p.email, roles: p.roles })) });
});

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
