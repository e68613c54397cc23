import { getDb } from "@/db/client";
import { getApiKey, serializeApiKey } from "@/db/queries/api-keys";
import { principalAuthor } from "@/lib/api/principal-author";
import { json, problem, problemFor } from "@/lib/api/problem";
import { withPrincipal } from "@/lib/api/route";
import { requestMeta } from "@/lib/request-meta";
import { archiveApiKey } from "@/lib/services/api-keys";
import { keyIdSchema } from "@/lib/validators/api-keys";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** Archives a key: its access codes fail from the next request on. */
export const POST = withPrincipal<{ id: string }>("keys:write", async ({ request, principal, params: { id } }) => {
  const notFound = problem("not_found", { detail: "No API key with this id in your organisation." });
  if (!keyIdSchema.safeParse(id).success) return notFound;
  const db = await getDb();
  const outcome = await archiveApiKey(db, principalAuthor(principal), id, requestMeta(request.headers));
  if (!outcome.ok) return problemFor(outcome);
  const key = await getApiKey(db, principal.organization.id, id);
  return json(serializeApiKey(key!));
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
