import { getDb } from "@/db/client";
import { getWebhookForUser } from "@/db/queries/webhooks";
import { principalAuthor } from "@/lib/api/principal-author";
import { json, problemFor } from "@/lib/api/problem";
import { withPrincipal } from "@/lib/api/route";
import { parseBody } from "@/lib/api/request-body";
import { noSuchWebhook, principalUser, serializeWebhook } from "@/lib/api/webhooks";
import { requestMeta } from "@/lib/request-meta";
import { deleteWebhook, updateWebhook } from "@/lib/services/webhooks";
import { updateWebhookSchema, webhookIdSchema } from "@/lib/validators/webhooks";
import { webhookRuntime } from "@/lib/webhooks/runtime";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

type Params = { id: string };

/** One of the caller's webhooks, as their list shows it: never its secret. */
export const GET = withPrincipal<Params>("webhooks:read", async ({ principal, params: { id } }) => {
  const user = principalUser(principal);
  if (user instanceof Response) return user;
  if (!webhookIdSchema.safeParse(id).success) return noSuchWebhook();
  const row = await getWebhookForUser(await getDb(), principal.organization.id, user.id, id);
  return row ? json(serializeWebhook(row)) : noSuchWebhook();
});

/** Switches the caller's webhook On or Off and/or changes its URL. */
export const PATCH = withPrincipal<Params>("webhooks:write", async ({ request, principal, params: { id }, body }) => {
  const user = principalUser(principal);
  if (user instanceof Response) return user;
  if (!webhookIdSchema.safeParse(id).success) return noSuchWebhook();
  const input = parseBody(body, updateWebhookSchema);
  if (!input.ok) return input.response;
  const outcome = await updateWebhook(
    await getDb(),
    principalAuthor(principal),
    "own",
    id,
    input.data,
    requestMeta(request.headers),
    webhookRuntime(),
    "documented",
  );
  if (!outcome.ok) return problemFor(outcome);
  return json(serializeWebhook(outcome.value));
});

export const DELETE = withPrincipal<Params>("webhooks:write", async ({ request, principal, params: { id } }) => {
  const user = principalUser(principal);
  if (user instanceof Response) return user;
  if (!webhookIdSchema.safeParse(id).success) return noSuchWebhook();
  const outcome = await deleteWebhook(await getDb(), principalAuthor(principal), "own", id, requestMeta(request.headers));
  if (!outcome.ok) return problemFor(outcome);
  return new Response(null, { status: 204, headers: { "Cache-Control": "no-store" } });
});

export const { POST, PUT, OPTIONS } = otherMethods({ GET, PATCH, DELETE });
