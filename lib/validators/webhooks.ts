import { z } from "zod";
import { isOffered, operationsOf } from "@/lib/webhooks/subscriptions";
import { DELIVERY_STATE_MEANINGS, DELIVERY_STATES } from "@/lib/webhooks/delivery-states";
import { WEBHOOK_ENTITIES, WEBHOOK_OPERATIONS, WEBHOOK_STATUSES } from "@/lib/webhooks/constants";
import { rollGraceSchema } from "./roll-grace";
import { text } from "./text";

const url = text({ error: "Enter the URL Keyward should send events to." })
  .min(1, "Enter the URL Keyward should send events to.")
  .max(2048, "The URL must be at most 2048 characters.")
  .refine((value) => URL.canParse(value), "Enter a full URL, such as https://example.com/webhooks.");

/**
 * A subscription as the API takes it: any documented entity and operation type. The fan-out delivers only the events
 * some change emits and the owner may see, so a pair that never fires is allowed there, as integrations expect.
 */
export const webhookSubscriptionSchema = z.object({
  url,
  entity: z.enum(WEBHOOK_ENTITIES, { error: `Choose an entity: ${WEBHOOK_ENTITIES.join(", ")}.` }),
  operationType: z.enum(WEBHOOK_OPERATIONS, { error: `Choose an operation type: ${WEBHOOK_OPERATIONS.join(", ")}.` }),
});

/** A subscription as the console's form takes it: only the pairs some change emits. */
export const createWebhookSchema = webhookSubscriptionSchema.superRefine((value, context) => {
  if (isOffered(value.entity, value.operationType)) return;
  context.addIssue({
    code: "custom",
    path: ["operationType"],
    message: `Nothing in Keyward emits ${value.entity} ${value.operationType} events. Choose ${operationsOf(value.entity).join(" or ")}.`,
  });
});
export type CreateWebhookInput = z.input<typeof createWebhookSchema>;

export const updateWebhookSchema = z
  .object({
    status: z.enum(WEBHOOK_STATUSES, { error: "Status must be On or Off." }).optional(),
    url: url.optional(),
  })
  .refine((value) => value.status !== undefined || value.url !== undefined, {
    error: "Send a status (On or Off) or a url to change.",
    path: ["status"],
  });
export type UpdateWebhookInput = z.input<typeof updateWebhookSchema>;

export const webhookIdSchema = z.uuid("Unknown webhook.");

export const setWebhookStatusSchema = z.object({
  webhookId: webhookIdSchema,
  status: z.enum(WEBHOOK_STATUSES, { error: "Status must be On or Off." }),
});

export const deleteWebhookSchema = z.object({ webhookId: webhookIdSchema });

export const resendDeliverySchema = z.object({
  deliveryId: z.uuid("Unknown delivery."),
  /** Switches the webhook On first when it is Off: an Off webhook sends nothing, so a plain resend is refused. */
  switchOn: z.boolean().optional(),
});

export const sendTestEventSchema = z.object({ webhookId: webhookIdSchema });

export const rollWebhookSecretSchema = z.object({ webhookId: webhookIdSchema, grace: rollGraceSchema });

export const stopPreviousWebhookSecretSchema = z.object({ webhookId: webhookIdSchema });

/** The body of POST /api/v1/webhooks/{id}/roll-secret: none at all rolls with no grace, as before grace existed. */
export const rollWebhookSecretRequestSchema = z
  .object({
    grace: rollGraceSchema.default("now").meta({
      description:
        "How long the replaced secret keeps signing beside the new one: deliveries carry both signatures until then, so the receiver can switch at its own pace. `now` (the default) stops it at once, as a leak needs.",
    }),
  })
  .meta({ id: "RollWebhookSecretRequest" });

/** A webhook as the API answers it (never its secret). */
export const webhookSchema = z
  .object({
    id: z.uuid(),
    url: z.string(),
    entity: z.enum(WEBHOOK_ENTITIES),
    operationType: z.enum(WEBHOOK_OPERATIONS),
    status: z.enum(WEBHOOK_STATUSES),
    createdAt: z.iso.datetime(),
    previousSecretExpiresAt: z.iso.datetime().nullable().meta({
      description: "Until when the signing secret that the last roll replaced still signs deliveries beside the current one; null when only the current one signs.",
    }),
    lastDelivery: z
      .object({
        status: z.enum(DELIVERY_STATES).meta({
          description: DELIVERY_STATES.map((state) => `\`${state}\`: ${DELIVERY_STATE_MEANINGS[state]}`).join(" "),
        }),
        statusCode: z.number().int().nullable(),
        at: z.string(),
        error: z.string().nullable(),
      })
      .nullable()
      .optional(),
  })
  .meta({ id: "Webhook" });

/** The answer to POST /api/v1/webhooks: the only time the signing secret is shown. */
export const webhookCreatedSchema = webhookSchema
  .omit({ lastDelivery: true, previousSecretExpiresAt: true })
  .extend({ secret: z.string().meta({ description: "The Standard Webhooks signing secret, `whsec_…`; shown once." }) })
  .meta({ id: "WebhookCreated" });

/** The answer to POST /api/v1/webhooks/{id}/roll-secret: the only time the new signing secret is shown. */
export const webhookSecretRolledSchema = z
  .object({
    id: z.uuid(),
    secret: z.string().meta({ description: "The new Standard Webhooks signing secret, `whsec_…`; shown once." }),
    previousSecretExpiresAt: z.iso.datetime().nullable().meta({
      description: "Until when the replaced secret keeps signing beside the new one; null when it stopped at once.",
    }),
  })
  .meta({ id: "WebhookSecretRolled" });

export const webhookListSchema = z.object({ data: z.array(webhookSchema) });
