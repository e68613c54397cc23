import { getDb } from "@/db/client";
import { principalAuthor } from "@/lib/api/principal-author";
import { json, problemFor } from "@/lib/api/problem";
import { parseBody } from "@/lib/api/request-body";
import { withPrincipal } from "@/lib/api/route";
import { noSuchWebhook, principalUser } from "@/lib/api/webhooks";
import { requestMeta } from "@/lib/request-meta";
import { rollWebhookSecret } from "@/lib/services/webhooks";
import { rollWebhookSecretRequestSchema, webhookIdSchema } from "@/lib/validators/webhooks";
import { webhookRuntime } from "@/lib/webhooks/runtime";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/**
 * Replaces the caller's webhook's signing secret; the replaced one keeps signing beside it for the grace asked for
 * (none without a body). The new secret is in this answer only.
 */
export const POST = withPrincipal<{ id: string }>("webhooks:write", async ({ request, principal, body, params: { id } }) => {
  const user = principalUser(principal);
  if (user instanceof Response) return user;
  if (!webhookIdSchema.safeParse(id).success) return noSuchWebhook();
  const input = parseBody(body, rollWebhookSecretRequestSchema);
  if (!input.ok) return input.response;
  const outcome = await rollWebhookSecret(
    await getDb(),
    principalAuthor(principal),
    id,
    input.data.grace,
    requestMeta(request.headers),
    webhookRuntime(),
  );
  if (!outcome.ok) return problemFor(outcome);
  const { webhook, secret } = outcome.value;
  return json({ id: webhook.id, secret, previousSecretExpiresAt: webhook.previousSecretExpiresAt?.toISOString() ?? null });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
