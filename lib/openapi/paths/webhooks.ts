import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import {
  rollWebhookSecretRequestSchema,
  updateWebhookSchema,
  webhookCreatedSchema,
  webhookListSchema,
  webhookSchema,
  webhookSecretRolledSchema,
  webhookSubscriptionSchema,
} from "@/lib/validators/webhooks";
import { apiOperation, problemRef } from "../components";

const idParam = { path: z.object({ id: z.uuid().meta({ description: "The webhook's id." }) }) };

/** `app/api/v1/webhooks/route.ts`, `app/api/v1/webhooks/[id]/route.ts`, and the `roll-secret` and `stop-previous-secret` routes beside it */
export const webhooksPaths: ZodOpenApiPathsObject = {
  "/api/v1/webhooks": {
    get: apiOperation({
      policy: "webhooks:read",
      operationId: "listWebhooks",
      tags: ["Webhooks"],
      summary: "List your webhooks",
      description: "The webhooks of the person the credential acts as, without their secrets. A credential that acts as no one gets 403.",
      responses: { 200: { description: "The webhooks.", content: { "application/json": { schema: webhookListSchema } } } },
    }),
    post: apiOperation({
      policy: "webhooks:write",
      operationId: "createWebhook",
      tags: ["Webhooks"],
      summary: "Create a webhook",
      description:
        "Subscribes the person the credential acts as to one entity and operation type; every documented pair is accepted. Events arrive only from changes that emit the pair (today `User` has `Update` only: nothing adds or removes people; `Expiring` and `Expired` come only for `AccessCode` and `PersonalApiKey`, from Keyward's expiry job: `Expiring` 14 days and again 3 days before the credential expires, `Expired` when it has, each once per credential) and only about what that person may see (`ApiKey` and `AccessCode` events reach Administrators alone), which is why the console offers just those. The URL must be https and resolve to public addresses only. Deliveries are signed per Standard Webhooks with the `secret` of this answer, which is never shown again.",
      requestBody: { content: { "application/json": { schema: webhookSubscriptionSchema } } },
      responses: { 201: { description: "Created.", content: { "application/json": { schema: webhookCreatedSchema } } } },
    }),
  },
  "/api/v1/webhooks/{id}": {
    get: apiOperation({
      policy: "webhooks:read",
      operationId: "getWebhook",
      tags: ["Webhooks"],
      summary: "Get one of your webhooks",
      description: "One webhook of the person the credential acts as, as the list shows it, without its secret. Another person's webhook is not found.",
      requestParams: idParam,
      responses: {
        200: { description: "The webhook.", content: { "application/json": { schema: webhookSchema } } },
        404: problemRef("NotFound"),
      },
    }),
    patch: apiOperation({
      policy: "webhooks:write",
      operationId: "updateWebhook",
      tags: ["Webhooks"],
      summary: "Switch a webhook On or Off, or change its URL",
      description:
        "Switching a webhook On does not replay the events it missed while Off.",
      requestParams: idParam,
      requestBody: { content: { "application/json": { schema: updateWebhookSchema } } },
      responses: {
        200: { description: "The changed webhook.", content: { "application/json": { schema: webhookSchema } } },
        404: problemRef("NotFound"),
      },
    }),
    delete: apiOperation({
      policy: "webhooks:write",
      operationId: "deleteWebhook",
      tags: ["Webhooks"],
      summary: "Delete a webhook",
      requestParams: idParam,
      responses: { 204: { description: "Deleted." }, 404: problemRef("NotFound") },
    }),
  },
  "/api/v1/webhooks/{id}/roll-secret": {
    post: apiOperation({
      policy: "webhooks:write",
      operationId: "rollWebhookSecret",
      tags: ["Webhooks"],
      summary: "Roll a webhook's signing secret",
      description:
        "Replaces the signing secret of one of your webhooks: every delivery from now on, retries of earlier events included, is signed with the new `secret` of this answer, which is never shown again. With a `grace`, the replaced secret keeps signing beside it until `previousSecretExpiresAt`: each delivery then carries both signatures in `webhook-signature` (space-separated, as Standard Webhooks allows), so a receiver verifying with either secret accepts it and can switch at its own pace. Without a body, or with `now`, the replaced secret stops at once, as a leak needs. A roll during a grace ends the older secret's. Only the webhook's owner may roll it.",
      requestParams: idParam,
      requestBody: { required: false, content: { "application/json": { schema: rollWebhookSecretRequestSchema } } },
      responses: {
        200: { description: "The new signing secret.", content: { "application/json": { schema: webhookSecretRolledSchema } } },
        404: problemRef("NotFound"),
      },
    }),
  },
  "/api/v1/webhooks/{id}/stop-previous-secret": {
    post: apiOperation({
      policy: "webhooks:write",
      operationId: "stopPreviousWebhookSecret",
      tags: ["Webhooks"],
      summary: "Stop a rolled signing secret before its grace ends",
      description:
        "Ends the grace of the secret that the last roll replaced: from now on deliveries carry the current secret's signature alone. Send no body. 404 when only the current secret signs (no grace, or it has ended). Only the webhook's owner may stop it.",
      requestParams: idParam,
      responses: {
        200: { description: "The webhook, its `previousSecretExpiresAt` now null.", content: { "application/json": { schema: webhookSchema } } },
        404: problemRef("NotFound"),
      },
    }),
  },
};
