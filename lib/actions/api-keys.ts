"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { z } from "zod";
import { getDb } from "@/db/client";
import { personActor } from "@/lib/audit";
import { requirePermission, type Actor } from "@/lib/auth/actor";
import { failure, forbiddenResult, invalid, success, unexpected, type ActionResult } from "@/lib/errors";
import { requestMeta } from "@/lib/request-meta";
import {
  archiveApiKey,
  createAccessCode,
  createApiKey,
  deleteAccessCode,
  deleteApiKey,
  linkApiKey,
  setAccessCodeEnabled,
  updateApiKey,
  type Author,
  type ServiceFailure,
} from "@/lib/services/api-keys";
import {
  createAccessCodeSchema,
  createApiKeySchema,
  editApiKeySchema,
  keyIdSchema,
  linkApiKeySchema,
} from "@/lib/validators/api-keys";

const FORBIDDEN = "You must be an Administrator to manage API keys.";

const author = (actor: Actor): Author => ({ audit: personActor(actor), userId: actor.userId });
const meta = async () => requestMeta(await headers());

function fromService(outcome: ServiceFailure): ActionResult<never> {
  const code = outcome.reason === "invalid" ? "invalid" : outcome.reason;
  return failure(code, outcome.message, outcome.field ? { [outcome.field]: [outcome.message] } : undefined);
}

function refresh(publicId?: string) {
  revalidatePath("/admin/api-keys");
  if (publicId) revalidatePath(`/admin/api-keys/${publicId}`, "layout");
}

export interface RevealedCode {
  keyId: string;
  keyName: string;
  codeId: string;
  secret: string;
  prefix: string;
  expiresAt: string;
}

/** What the secret reveal dialog needs of a new access code: the one answer that carries its secret. */
function revealedCode(outcome: {
  key: { publicId: string; name: string };
  code: { id: string; secret: string; prefix: string; expiresAt: Date };
}): RevealedCode {
  return {
    keyId: outcome.key.publicId,
    keyName: outcome.key.name,
    codeId: outcome.code.id,
    secret: outcome.code.secret,
    prefix: outcome.code.prefix,
    expiresAt: outcome.code.expiresAt.toISOString(),
  };
}

export async function createApiKeyAction(raw: unknown): Promise<ActionResult<RevealedCode>> {
  const input = createApiKeySchema.safeParse(raw);
  if (!input.success) return invalid(input.error);
  const actor = await requirePermission("api_keys:write");
  if (!actor) return forbiddenResult(FORBIDDEN);
  let result: ActionResult<RevealedCode>;
  try {
    const outcome = await createApiKey(await getDb(), author(actor), input.data, await meta());
    if (!outcome.ok) return fromService(outcome);
    result = success(revealedCode(outcome));
  } catch (error) {
    return unexpected(error, "createApiKeyAction");
  }
  refresh();
  return result;
}

export async function linkApiKeyAction(raw: unknown): Promise<ActionResult<{ keyId: string }>> {
  const input = linkApiKeySchema.safeParse(raw);
  if (!input.success) return invalid(input.error);
  const actor = await requirePermission("api_keys:write");
  if (!actor) return forbiddenResult(FORBIDDEN);
  let keyId: string;
  try {
    const outcome = await linkApiKey(await getDb(), author(actor), input.data, await meta());
    if (!outcome.ok) return fromService(outcome);
    keyId = outcome.key.publicId;
  } catch (error) {
    return unexpected(error, "linkApiKeyAction");
  }
  refresh();
  return success({ keyId });
}

const withKey = <T extends z.ZodType>(schema: T) => z.object({ keyId: keyIdSchema, values: schema });

export async function updateApiKeyAction(raw: unknown): Promise<ActionResult> {
  const input = withKey(editApiKeySchema).safeParse(raw);
  if (!input.success) return invalid(input.error);
  const actor = await requirePermission("api_keys:write");
  if (!actor) return forbiddenResult(FORBIDDEN);
  try {
    const outcome = await updateApiKey(await getDb(), author(actor), input.data.keyId, input.data.values, await meta());
    if (!outcome.ok) return fromService(outcome);
  } catch (error) {
    return unexpected(error, "updateApiKeyAction");
  }
  refresh(input.data.keyId);
  return success(undefined);
}

const keyOnly = z.object({ keyId: keyIdSchema });

export async function archiveApiKeyAction(raw: unknown): Promise<ActionResult> {
  const input = keyOnly.safeParse(raw);
  if (!input.success) return invalid(input.error);
  const actor = await requirePermission("api_keys:write");
  if (!actor) return forbiddenResult(FORBIDDEN);
  try {
    const outcome = await archiveApiKey(await getDb(), author(actor), input.data.keyId, await meta());
    if (!outcome.ok) return fromService(outcome);
  } catch (error) {
    return unexpected(error, "archiveApiKeyAction");
  }
  refresh(input.data.keyId);
  return success(undefined);
}

export async function deleteApiKeyAction(raw: unknown): Promise<ActionResult> {
  const input = keyOnly.safeParse(raw);
  if (!input.success) return invalid(input.error);
  const actor = await requirePermission("api_keys:write");
  if (!actor) return forbiddenResult(FORBIDDEN);
  try {
    const outcome = await deleteApiKey(await getDb(), author(actor), input.data.keyId, await meta());
    if (!outcome.ok) return fromService(outcome);
  } catch (error) {
    return unexpected(error, "deleteApiKeyAction");
  }
  refresh();
  return success(undefined);
}

export async function createAccessCodeAction(raw: unknown): Promise<ActionResult<RevealedCode>> {
  const input = withKey(createAccessCodeSchema).safeParse(raw);
  if (!input.success) return invalid(input.error);
  const actor = await requirePermission("api_keys:write");
  if (!actor) return forbiddenResult(FORBIDDEN);
  let result: ActionResult<RevealedCode>;
  try {
    const outcome = await createAccessCode(await getDb(), author(actor), input.data.keyId, input.data.values, await meta());
    if (!outcome.ok) return fromService(outcome);
    result = success(revealedCode(outcome));
  } catch (error) {
    return unexpected(error, "createAccessCodeAction");
  }
  refresh(input.data.keyId);
  return result;
}

const codeInput = z.object({ keyId: keyIdSchema, codeId: z.uuid("Unknown access code.") });

export async function setAccessCodeEnabledAction(raw: unknown): Promise<ActionResult> {
  const input = codeInput.extend({ enabled: z.boolean() }).safeParse(raw);
  if (!input.success) return invalid(input.error);
  const actor = await requirePermission("api_keys:write");
  if (!actor) return forbiddenResult(FORBIDDEN);
  const { keyId, codeId, enabled } = input.data;
  try {
    const outcome = await setAccessCodeEnabled(await getDb(), author(actor), keyId, codeId, enabled, await meta());
    if (!outcome.ok) return fromService(outcome);
  } catch (error) {
    return unexpected(error, "setAccessCodeEnabledAction");
  }
  refresh(keyId);
  return success(undefined);
}

export async function deleteAccessCodeAction(raw: unknown): Promise<ActionResult> {
  const input = codeInput.safeParse(raw);
  if (!input.success) return invalid(input.error);
  const actor = await requirePermission("api_keys:write");
  if (!actor) return forbiddenResult(FORBIDDEN);
  try {
    const outcome = await deleteAccessCode(await getDb(), author(actor), input.data.keyId, input.data.codeId, await meta());
    if (!outcome.ok) return fromService(outcome);
  } catch (error) {
    return unexpected(error, "deleteAccessCodeAction");
  }
  refresh(input.data.keyId);
  return success(undefined);
}
