import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import {
  createWebhookSchema,
  updateWebhookSchema,
  webhookCreatedSchema,
  webhookListSchema,
  webhookSchema,
} from "@/lib/validators/webhooks";
import { apiOperation, problemRef } from "../components";

const idParam = { path: z.object({ id: z.uuid().meta({ description: "The webhook's id." }) }) };

/** `app/api/v1/webhooks/route.ts` and `app/api/v1/webhooks/[id]/route.ts` */
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
        "Subscribes the person the credential acts as to one entity and operation type. Only pairs that some change emits are accepted (422 on `operationType` otherwise; `User` has `Update` only), and only entities that person may see (403 naming `entity` otherwise: `ApiKey` and `AccessCode` are for Administrators). The URL must be https and resolve to public addresses only. Deliveries are signed per Standard Webhooks with the `secret` of this answer, which is never shown again.",
      requestBody: { content: { "application/json": { schema: createWebhookSchema } } },
      responses: { 201: { description: "Created.", content: { "application/json": { schema: webhookCreatedSchema } } } },
    }),
  },
  "/api/v1/webhooks/{id}": {
    patch: apiOperation({
      policy: "webhooks:write",
      operationId: "updateWebhook",
      tags: ["Webhooks"],
      summary: "Switch a webhook On or Off, or change its URL",
      description:
        "Switching a webhook On does not replay the events it missed while Off, and is refused (403 naming `status`) when its owner can no longer see its entity.",
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
};
