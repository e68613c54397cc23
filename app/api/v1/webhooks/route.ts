import { getDb } from "@/db/client";
import { listWebhooksForUser } from "@/db/queries/webhooks";
import { principalAuthor } from "@/lib/api/principal-author";
import { json, problemFor } from "@/lib/api/problem";
import { parseBody } from "@/lib/api/request-body";
import { withPrincipal } from "@/lib/api/route";
import { principalUser, serializeWebhook } from "@/lib/api/webhooks";
import { requestMeta } from "@/lib/request-meta";
import { createWebhook } from "@/lib/services/webhooks";
import { webhookSubscriptionSchema } from "@/lib/validators/webhooks";
import { webhookRuntime } from "@/lib/webhooks/runtime";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** The caller's webhooks, without secrets. */
export const GET = withPrincipal("webhooks:read", async ({ principal }) => {
  const user = principalUser(principal);
  if (user instanceof Response) return user;
  const rows = await listWebhooksForUser(await getDb(), principal.organization.id, user.id);
  return json({ data: rows.map(serializeWebhook) });
});

/** Creates a webhook for the caller; the signing secret is in this answer only. */
export const POST = withPrincipal("webhooks:write", async ({ request, principal, body }) => {
  const user = principalUser(principal);
  if (user instanceof Response) return user;
  const input = parseBody(body, webhookSubscriptionSchema);
  if (!input.ok) return input.response;
  const outcome = await createWebhook(
    await getDb(),
    principalAuthor(principal),
    input.data,
    requestMeta(request.headers),
    webhookRuntime(),
    "documented",
  );
  if (!outcome.ok) return problemFor(outcome);
  const { webhook, secret } = outcome.value;
  return json(
    // A new webhook has no previous secret to mention.
    { ...serializeWebhook({ ...webhook, previousSecretExpiresAt: undefined }), secret },
    { status: 201, headers: { Location: `/api/v1/webhooks/${webhook.id}` } },
  );
});

export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST });
