import { getDb } from "@/db/client";
import { getApiKey, listApiKeys, serializeApiKey } from "@/db/queries/api-keys";
import { principalAuthor } from "@/lib/api/principal-author";
import { json, problemFor } from "@/lib/api/problem";
import { parseBody } from "@/lib/api/request-body";
import { withPrincipal } from "@/lib/api/route";
import { requestMeta } from "@/lib/request-meta";
import { createApiKey, isMissingPolicy } from "@/lib/services/api-keys";
import { createApiKeySchema, type ApiKeySummary, type CreatedApiKey } from "@/lib/validators/api-keys";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** The organisation's keys (never a secret). */
export const GET = withPrincipal("keys:read", async ({ principal }) => {
  const keys = await listApiKeys(await getDb(), principal.organization.id);
  return json({
    data: keys.map((key): ApiKeySummary => ({
      id: key.publicId,
      name: key.name,
      description: key.description,
      tags: key.tags,
      policies: key.policies,
      linked: key.linked,
      status: key.archivedAt ? "archived" : "active",
      accessCodes: key.accessCodes,
      createdAt: key.createdAt.toISOString(),
      archivedAt: key.archivedAt?.toISOString() ?? null,
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    })),
  });
});

/** Creates a key and its first access code: the only answer that ever holds the code's secret. */
export const POST = withPrincipal("keys:write", async ({ request, principal, body: raw }) => {
  const body = parseBody(raw, createApiKeySchema);
  if (!body.ok) return body.response;
  const db = await getDb();
  // A credential cannot create a key more powerful than itself: 403 naming the first policy it lacks.
  const limits = { ceiling: principal.policies };
  const outcome = await createApiKey(db, principalAuthor(principal), body.data, requestMeta(request.headers), limits);
  if (!outcome.ok) return problemFor(outcome, isMissingPolicy(outcome) ? { policy: outcome.policy } : undefined);
  const { key, code } = outcome.value;
  const created: CreatedApiKey = {
    apiKey: serializeApiKey((await getApiKey(db, principal.organization.id, key.publicId))!),
    accessCode: { id: code.id, prefix: code.prefix, expiresAt: code.expiresAt.toISOString(), secret: code.secret },
  };
  return json(created, { status: 201, headers: { Location: `/api/v1/api-keys/${key.publicId}` } });
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
