"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { personActor } from "@/lib/audit";
import { requirePermission } from "@/lib/auth/actor";
import { failure, forbiddenResult, invalid, notFoundResult, success, unexpected, type ActionResult } from "@/lib/errors";
import { requestMeta } from "@/lib/request-meta";
import {
  clearPersonalKey,
  enablePersonalKey,
  regeneratePersonalKey,
  turnOffPersonalKey,
  type IssueKeyOutcome,
} from "@/lib/services/personal-api-keys";
import { clearPersonalApiKeySchema } from "@/lib/validators/personal-api-keys";

const NOT_ALLOWED = "Your organisation has turned off personal API keys. An Administrator can allow them in Administration → Settings.";

export interface IssuedPersonalKey {
  secret: string;
  prefix: string;
  createdAt: string;
}

function issued(outcome: IssueKeyOutcome): ActionResult<IssuedPersonalKey> {
  if (outcome.ok) return success({ secret: outcome.secret, prefix: outcome.prefix, createdAt: outcome.createdAt.toISOString() });
  if (outcome.reason === "not_allowed") return forbiddenResult(NOT_ALLOWED);
  if (outcome.reason === "already_enabled") return failure("conflict", "API access is already enabled. Regenerate the key to get a new one.");
  return notFoundResult("Your account");
}

export async function enablePersonalApiKeyAction(): Promise<ActionResult<IssuedPersonalKey>> {
  const actor = await requirePermission("personal_api_key:write");
  if (!actor) return forbiddenResult("You cannot manage a personal API key.");
  try {
    const outcome = await enablePersonalKey(await getDb(), personActor(actor), requestMeta(await headers()));
    revalidatePath("/profile/api-access");
    return issued(outcome);
  } catch (error) {
    return unexpected(error, "enablePersonalApiKeyAction");
  }
}

export async function regeneratePersonalApiKeyAction(): Promise<ActionResult<IssuedPersonalKey>> {
  const actor = await requirePermission("personal_api_key:write");
  if (!actor) return forbiddenResult("You cannot manage a personal API key.");
  try {
    const outcome = await regeneratePersonalKey(await getDb(), personActor(actor), requestMeta(await headers()));
    revalidatePath("/profile/api-access");
    return issued(outcome);
  } catch (error) {
    return unexpected(error, "regeneratePersonalApiKeyAction");
  }
}

export async function turnOffPersonalApiKeyAction(): Promise<ActionResult> {
  const actor = await requirePermission("personal_api_key:write");
  if (!actor) return forbiddenResult("You cannot manage a personal API key.");
  try {
    const outcome = await turnOffPersonalKey(await getDb(), personActor(actor), requestMeta(await headers()));
    if (!outcome.ok) return failure("conflict", "API access is already off.");
  } catch (error) {
    return unexpected(error, "turnOffPersonalApiKeyAction");
  }
  revalidatePath("/profile/api-access");
  return success(undefined);
}

/** API Management: an Administrator clears a person's key. */
export async function clearPersonalApiKeyAction(raw: unknown): Promise<ActionResult> {
  const input = clearPersonalApiKeySchema.safeParse(raw);
  if (!input.success) return invalid(input.error);
  const actor = await requirePermission("api_management:write");
  if (!actor) return forbiddenResult("You must be an Administrator to clear people's API keys.");
  try {
    const outcome = await clearPersonalKey(await getDb(), personActor(actor), input.data.userId, requestMeta(await headers()));
    if (!outcome.ok && outcome.reason === "not_found") return notFoundResult("That person");
    if (!outcome.ok) return failure("conflict", "This person has no API key to clear.");
  } catch (error) {
    return unexpected(error, "clearPersonalApiKeyAction");
  }
  revalidatePath("/admin/api-management");
  revalidatePath(`/admin/api-management/${input.data.userId}`);
  return success(undefined);
}
