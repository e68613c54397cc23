"use server";

import { revalidatePath } from "next/cache";
import type { Actor } from "@/lib/auth/actor";
import { mapOk } from "@/lib/result";
import {
  createWebhook,
  deleteWebhook,
  resendDelivery,
  rollWebhookSecret,
  sendTestEvent,
  stopPreviousWebhookSecret,
  updateWebhook,
  type WebhookScope,
} from "@/lib/services/webhooks";
import {
  createWebhookSchema,
  deleteWebhookSchema,
  resendDeliverySchema,
  rollWebhookSecretSchema,
  sendTestEventSchema,
  setWebhookStatusSchema,
  stopPreviousWebhookSecretSchema,
} from "@/lib/validators/webhooks";
import { webhookRuntime } from "@/lib/webhooks/runtime";
import { defineAction } from "./define-action";

/** A signing secret just made, by adding a webhook or rolling its secret: shown once. */
export interface RevealedWebhookSecret {
  id: string;
  url: string;
  secret: string;
  createdAt: string;
  /** After a roll with a grace: until when the replaced secret keeps signing beside this one. */
  previousSecretExpiresAt: string | null;
}

const revealed = (
  { webhook, secret }: { webhook: { id: string; url: string; previousSecretExpiresAt: Date | null }; secret: string },
  at: Date,
): RevealedWebhookSecret => ({
  id: webhook.id,
  url: webhook.url,
  secret,
  createdAt: at.toISOString(),
  previousSecretExpiresAt: webhook.previousSecretExpiresAt?.toISOString() ?? null,
});

function refreshWebhooks() {
  revalidatePath("/profile/api-access", "layout");
  revalidatePath("/admin/api-management", "layout");
}

/**
 * A webhook is managed by its owner, or by an Administrator of its organisation (API Management). Anyone else's
 * webhook is out of scope, so it reads as not found.
 */
const manageWebhooks = {
  permission: ["webhooks:write", "api_management:write"],
  forbidden: "You cannot manage webhooks.",
} as const;
const scopeOf = (actor: Actor): WebhookScope => (actor.permissions.includes("api_management:write") ? "organization" : "own");

export const createWebhookAction = defineAction({
  input: createWebhookSchema,
  permission: "webhooks:write",
  forbidden: "You cannot create webhooks.",
  run: ({ db, author, input, meta }) =>
    mapOk(createWebhook(db, author, input, meta, webhookRuntime()), (created) => revealed(created, created.webhook.createdAt)),
  revalidate: refreshWebhooks,
});

export const setWebhookStatusAction = defineAction({
  ...manageWebhooks,
  input: setWebhookStatusSchema,
  run: ({ db, author, actor, input, meta }) =>
    mapOk(
      updateWebhook(db, author, scopeOf(actor), input.webhookId, { status: input.status }, meta, webhookRuntime()),
      () => undefined,
    ),
  revalidate: refreshWebhooks,
});

export const deleteWebhookAction = defineAction({
  ...manageWebhooks,
  input: deleteWebhookSchema,
  run: ({ db, author, actor, input, meta }) => deleteWebhook(db, author, scopeOf(actor), input.webhookId, meta),
  revalidate: refreshWebhooks,
});

export const resendWebhookDeliveryAction = defineAction({
  ...manageWebhooks,
  input: resendDeliverySchema,
  run: ({ db, author, actor, input, meta }) => resendDelivery(db, author, scopeOf(actor), input, meta),
  revalidate: refreshWebhooks,
});

export const sendWebhookTestEventAction = defineAction({
  ...manageWebhooks,
  input: sendTestEventSchema,
  run: ({ db, author, actor, input, meta }) => sendTestEvent(db, author, scopeOf(actor), input.webhookId, meta),
  revalidate: refreshWebhooks,
});

/**
 * Only the owner rolls a signing secret, Administrators included: the new secret is revealed to whoever rolls it,
 * so someone else's webhook reads as not found.
 */
export const rollWebhookSecretAction = defineAction({
  input: rollWebhookSecretSchema,
  permission: "webhooks:write",
  forbidden: "You cannot manage webhooks.",
  run: ({ db, author, input, meta }) =>
    mapOk(rollWebhookSecret(db, author, input.webhookId, input.grace, meta, webhookRuntime()), (rolled) => revealed(rolled, new Date())),
  revalidate: refreshWebhooks,
});

/** Like the roll, the owner's alone: it ends a grace that only the owner chose. */
export const stopPreviousWebhookSecretAction = defineAction({
  input: stopPreviousWebhookSecretSchema,
  permission: "webhooks:write",
  forbidden: "You cannot manage webhooks.",
  run: ({ db, author, input, meta }) => mapOk(stopPreviousWebhookSecret(db, author, input.webhookId, meta), () => undefined),
  revalidate: refreshWebhooks,
});
