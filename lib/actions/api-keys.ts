"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { mapOk } from "@/lib/result";
import {
  archiveApiKey,
  createAccessCode,
  createApiKey,
  deleteAccessCode,
  deleteApiKey,
  linkApiKey,
  setAccessCodeEnabled,
  updateAccessCode,
  updateApiKey,
  type IssuedCode,
} from "@/lib/services/api-keys";
import {
  createAccessCodeSchema,
  createApiKeySchema,
  editAccessCodeSchema,
  editApiKeySchema,
  keyIdSchema,
  linkApiKeySchema,
} from "@/lib/validators/api-keys";
import { defineAction } from "./define-action";

const manageKeys = { permission: "api_keys:write", forbidden: "You must be an Administrator to manage API keys." } as const;

function refreshKeys(input?: { keyId?: string }) {
  revalidatePath("/admin/api-keys");
  if (input?.keyId) revalidatePath(`/admin/api-keys/${input.keyId}`, "layout");
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
const revealedCode = ({ key, code }: { key: { publicId: string; name: string }; code: IssuedCode }): RevealedCode => ({
  keyId: key.publicId,
  keyName: key.name,
  codeId: code.id,
  secret: code.secret,
  prefix: code.prefix,
  expiresAt: code.expiresAt.toISOString(),
});

const withKey = <T extends z.ZodType>(schema: T) => z.object({ keyId: keyIdSchema, values: schema });
const keyOnly = z.object({ keyId: keyIdSchema });
const codeInput = z.object({ keyId: keyIdSchema, codeId: z.uuid("Unknown access code.") });

export const createApiKeyAction = defineAction({
  ...manageKeys,
  input: createApiKeySchema,
  run: ({ db, author, input, meta }) => mapOk(createApiKey(db, author, input, meta), revealedCode),
  revalidate: () => refreshKeys(),
});

export const linkApiKeyAction = defineAction({
  ...manageKeys,
  input: linkApiKeySchema,
  run: ({ db, author, input, meta }) => mapOk(linkApiKey(db, author, input, meta), ({ key }) => ({ keyId: key.publicId })),
  revalidate: () => refreshKeys(),
});

export const updateApiKeyAction = defineAction({
  ...manageKeys,
  input: withKey(editApiKeySchema),
  run: ({ db, author, input, meta }) => mapOk(updateApiKey(db, author, input.keyId, input.values, meta), () => undefined),
  revalidate: refreshKeys,
});

export const archiveApiKeyAction = defineAction({
  ...manageKeys,
  input: keyOnly,
  run: ({ db, author, input, meta }) => archiveApiKey(db, author, input.keyId, meta),
  revalidate: refreshKeys,
});

export const deleteApiKeyAction = defineAction({
  ...manageKeys,
  input: keyOnly,
  run: ({ db, author, input, meta }) => deleteApiKey(db, author, input.keyId, meta),
  revalidate: () => refreshKeys(),
});

export const createAccessCodeAction = defineAction({
  ...manageKeys,
  input: withKey(createAccessCodeSchema),
  run: ({ db, author, input, meta }) => mapOk(createAccessCode(db, author, input.keyId, input.values, meta), revealedCode),
  revalidate: refreshKeys,
});

export const setAccessCodeEnabledAction = defineAction({
  ...manageKeys,
  input: codeInput.extend({ enabled: z.boolean() }),
  run: ({ db, author, input, meta }) => setAccessCodeEnabled(db, author, input.keyId, input.codeId, input.enabled, meta),
  revalidate: refreshKeys,
});

export const updateAccessCodeAction = defineAction({
  ...manageKeys,
  input: codeInput.extend({ values: editAccessCodeSchema }),
  run: ({ db, author, input, meta }) => updateAccessCode(db, author, input.keyId, input.codeId, input.values, meta),
  revalidate: refreshKeys,
});

export const deleteAccessCodeAction = defineAction({
  ...manageKeys,
  input: codeInput,
  run: ({ db, author, input, meta }) => deleteAccessCode(db, author, input.keyId, input.codeId, meta),
  revalidate: refreshKeys,
});
