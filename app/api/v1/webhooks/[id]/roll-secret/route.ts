import { getDb } from "@/db/client";
import { principalAuthor } from "@/lib/api/principal-author";
import { json, problemFor } from "@/lib/api/problem";
import { withPrincipal } from "@/lib/api/route";
import { noSuchWebhook, principalUser } from "@/lib/api/webhooks";
import { requestMeta } from "@/lib/request-meta";
import { rollWebhookSecret } from "@/lib/services/webhooks";
import { webhookIdSchema } from "@/lib/validators/webhooks";
import { webhookRuntime } from "@/lib/webhooks/runtime";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** Replaces the caller's webhook's signing secret at once; the new secret is in this answer only. */
export const POST = withPrincipal<{ id: string }>("webhooks:write", async ({ request, principal, params: { id } }) => {
  const user = principalUser(principal);
  if (user instanceof Response) return user;
  if (!webhookIdSchema.safeParse(id).success) return noSuchWebhook();
  const outcome = await rollWebhookSecret(await getDb(), principalAuthor(principal), id, requestMeta(request.headers), webhookRuntime());
  if (!outcome.ok) return problemFor(outcome);
  return json({ id: outcome.value.webhook.id, secret: outcome.value.secret });
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
