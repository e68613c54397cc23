import { getDb } from "@/db/client";
import { principalAuthor } from "@/lib/api/principal-author";
import { json, problemFor } from "@/lib/api/problem";
import { withPrincipal } from "@/lib/api/route";
import { noSuchWebhook, principalUser, serializeWebhook } from "@/lib/api/webhooks";
import { requestMeta } from "@/lib/request-meta";
import { stopPreviousWebhookSecret } from "@/lib/services/webhooks";
import { webhookIdSchema } from "@/lib/validators/webhooks";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** Ends a roll's grace early: from now on only the current signing secret signs the caller's webhook's deliveries. */
export const POST = withPrincipal<{ id: string }>("webhooks:write", async ({ request, principal, params: { id } }) => {
  const user = principalUser(principal);
  if (user instanceof Response) return user;
  if (!webhookIdSchema.safeParse(id).success) return noSuchWebhook();
  const outcome = await stopPreviousWebhookSecret(await getDb(), principalAuthor(principal), id, requestMeta(request.headers));
  if (!outcome.ok) return problemFor(outcome);
  return json(serializeWebhook(outcome.value));
});

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
