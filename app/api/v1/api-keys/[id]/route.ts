import { getDb } from "@/db/client";
import { getApiKey, serializeApiKey } from "@/db/queries/api-keys";
import { principalAuthor } from "@/lib/api/principal-author";
import { json, problem, problemFor } from "@/lib/api/problem";
import { parseBody } from "@/lib/api/request-body";
import { withPrincipal } from "@/lib/api/route";
import { requestMeta } from "@/lib/request-meta";
import { isMissingPolicy, updateApiKey } from "@/lib/services/api-keys";
import { keyIdSchema, updateApiKeySchema } from "@/lib/validators/api-keys";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

const notFound = () => problem("not_found", { detail: "No API key with this id in your organisation." });

export const GET = withPrincipal<{ id: string }>("keys:read", async ({ principal, params: { id } }) => {
  if (!keyIdSchema.safeParse(id).success) return notFound();
  const key = await getApiKey(await getDb(), principal.organization.id, id);
  return key ? json(serializeApiKey(key)) : notFound();
});

export const PATCH = withPrincipal<{ id: string }>("keys:write", async ({ request, principal, params: { id }, body: raw }) => {
  if (!keyIdSchema.safeParse(id).success) return notFound();
  const body = parseBody(raw, updateApiKeySchema);
  if (!body.ok) return body.response;
  const db = await getDb();
  // Everything the key may do after the change must be within the credential's own policies, or 403 naming the first
  // one it lacks: removing "acts as", not only adding policies, can widen a key.
  const limits = { ceiling: principal.policies };
  const outcome = await updateApiKey(db, principalAuthor(principal), id, body.data, requestMeta(request.headers), limits);
  if (!outcome.ok) return problemFor(outcome, isMissingPolicy(outcome) ? { policy: outcome.policy } : undefined);
  const key = await getApiKey(db, principal.organization.id, id);
  return json(serializeApiKey(key!));
});

export const { POST, PUT, DELETE, OPTIONS } = otherMethods({ GET, PATCH });
