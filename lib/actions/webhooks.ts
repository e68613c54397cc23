"use server";

import { eq } from "drizzle-orm";
import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { getWebhook } from "@/db/queries/webhooks";
import { webhookDeliveries } from "@/db/schema";
import { personActor } from "@/lib/audit";
import { can, getActor, type Actor } from "@/lib/auth/actor";
import { failure, forbiddenResult, invalid, notFoundResult, success, unexpected, type ActionResult } from "@/lib/errors";
import { requestMeta } from "@/lib/request-meta";
import { createWebhook, deleteWebhook, resendDelivery, updateWebhook, type WebhookScope } from "@/lib/services/webhooks";
import {
  createWebhookSchema,
  deleteWebhookSchema,
  resendDeliverySchema,
  setWebhookStatusSchema,
} from "@/lib/validators/webhooks";
import { webhookRuntime } from "@/lib/webhooks/runtime";

export interface CreatedWebhook {
  id: string;
  url: string;
  secret: string;
  createdAt: string;
}

function revalidate(ownerUserId: string) {
  revalidatePath("/profile/api-access", "layout");
  revalidatePath("/admin/api-management", "layout");
  revalidatePath(`/admin/api-management/${ownerUserId}`, "layout");
}

/**
 * Who may touch a webhook: its owner (webhooks:write), or an Administrator of its organisation (api_management:write).
 * The owner and organisation come from the database, never from the request.
 */
async function authorize(webhookId: string): Promise<{ actor: Actor; scope: WebhookScope; ownerUserId: string } | ActionResult<never>> {
  const actor = await getActor();
  if (!actor) return forbiddenResult("Sign in again to continue.");
  const webhook = await getWebhook(await getDb(), actor.organization.id, webhookId);
  if (!webhook) return notFoundResult("That webhook");
  if (webhook.userId === actor.userId && can(actor, "webhooks:write")) {
    return { actor, scope: { organizationId: actor.organization.id, ownerUserId: actor.userId }, ownerUserId: webhook.userId };
  }
  if (can(actor, "api_management:write")) {
    return { actor, scope: { organizationId: actor.organization.id }, ownerUserId: webhook.userId };
  }
  // Someone else's webhook, seen by someone who may not manage it: as if it did not exist.
  return notFoundResult("That webhook");
}

export async function createWebhookAction(raw: unknown): Promise<ActionResult<CreatedWebhook>> {
  const input = createWebhookSchema.safeParse(raw);
  if (!input.success) return invalid(input.error);
  const actor = await getActor();
  if (!actor || !can(actor, "webhooks:write")) return forbiddenResult("You cannot create webhooks.");
  try {
    const outcome = await createWebhook(await getDb(), personActor(actor), actor.userId, input.data, requestMeta(await headers()), webhookRuntime());
    if (!outcome.ok && outcome.reason === "invalid") return failure("invalid", "Check the highlighted fields.", outcome.fieldErrors);
    if (!outcome.ok) return notFoundResult("Your account");
    revalidate(actor.userId);
    const { webhook, secret } = outcome.value;
    return success({ id: webhook.id, url: webhook.url, secret, createdAt: webhook.createdAt.toISOString() });
  } catch (error) {
    return unexpected(error, "createWebhookAction");
  }
}

export async function setWebhookStatusAction(raw: unknown): Promise<ActionResult> {
  const input = setWebhookStatusSchema.safeParse(raw);
  if (!input.success) return invalid(input.error);
  try {
    const allowed = await authorize(input.data.webhookId);
    if ("ok" in allowed) return allowed;
    const outcome = await updateWebhook(
      await getDb(),
      personActor(allowed.actor),
      allowed.scope,
      input.data.webhookId,
      { status: input.data.status },
      requestMeta(await headers()),
      webhookRuntime(),
    );
    if (!outcome.ok) return notFoundResult("That webhook");
    revalidate(allowed.ownerUserId);
    return success(undefined);
  } catch (error) {
    return unexpected(error, "setWebhookStatusAction");
  }
}

export async function deleteWebhookAction(raw: unknown): Promise<ActionResult> {
  const input = deleteWebhookSchema.safeParse(raw);
  if (!input.success) return invalid(input.error);
  try {
    const allowed = await authorize(input.data.webhookId);
    if ("ok" in allowed) return allowed;
    const outcome = await deleteWebhook(await getDb(), personActor(allowed.actor), allowed.scope, input.data.webhookId, requestMeta(await headers()));
    if (!outcome.ok) return notFoundResult("That webhook");
    revalidate(allowed.ownerUserId);
    return success(undefined);
  } catch (error) {
    return unexpected(error, "deleteWebhookAction");
  }
}

export async function resendWebhookDeliveryAction(raw: unknown): Promise<ActionResult> {
  const input = resendDeliverySchema.safeParse(raw);
  if (!input.success) return invalid(input.error);
  try {
    const db = await getDb();
    const actor = await getActor();
    if (!actor) return forbiddenResult("Sign in again to continue.");
    const [delivery] = await db
      .select({ webhookId: webhookDeliveries.webhookId })
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.id, input.data.deliveryId));
    if (!delivery) return notFoundResult("That delivery");
    const allowed = await authorize(delivery.webhookId);
    if ("ok" in allowed) return allowed;
    const outcome = await resendDelivery(db, personActor(allowed.actor), allowed.scope, input.data.deliveryId, requestMeta(await headers()));
    if (!outcome.ok && outcome.reason === "not_failed") return failure("conflict", "Only a failed delivery can be sent again.");
    if (!outcome.ok) return notFoundResult("That delivery");
    revalidate(allowed.ownerUserId);
    return success(undefined);
  } catch (error) {
    return unexpected(error, "resendWebhookDeliveryAction");
  }
}
