import { json } from "@/lib/api/problem";
import { withPrincipal } from "@/lib/api/route";
import type { MeResponse } from "@/lib/validators/me";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** Who the credential is: any valid credential may ask, so it needs no policy. */
export const GET = withPrincipal(null, async ({ principal }) => {
  // Typed by the schema the OpenAPI document publishes (lib/openapi/paths/me.ts): the two cannot drift.
  const body: MeResponse = {
    organization: { id: principal.organization.id, slug: principal.organization.slug, name: principal.organization.name },
    credential: { kind: principal.credential.kind, id: principal.credential.id },
    user: principal.user ? { id: principal.user.id, email: principal.user.email } : null,
    permissions: principal.policies,
  };
  return json(body);
});

/**
 * The same answer for clients that send the credential in the body: the `key` form field or the `API_Key` JSON
 * property. The body carries nothing else.
 */
export const POST = GET;

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
