import { json } from "@/lib/api/problem";
import { withPrincipal } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** Who the credential is: any valid credential may ask, so it needs no policy. */
export const GET = withPrincipal(null, async (_request, principal) =>
  json({
    organization: principal.organization,
    credential: principal.credential,
    user: principal.user ? { id: principal.user.id, email: principal.user.email } : null,
    permissions: principal.policies,
  }),
);
