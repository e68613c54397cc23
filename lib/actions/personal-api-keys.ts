"use server";

import { revalidatePath } from "next/cache";
import { mapOk } from "@/lib/result";
import {
  clearPersonalKey,
  enablePersonalKey,
  regeneratePersonalKey,
  turnOffPersonalKey,
  type IssuedKey,
} from "@/lib/services/personal-api-keys";
import { clearPersonalApiKeySchema, issuePersonalKeySchema } from "@/lib/validators/personal-api-keys";
import { defineAction } from "./define-action";

const ownKey = { permission: "personal_api_key:write", forbidden: "You cannot manage a personal API key." } as const;
const refreshOwn = () => revalidatePath("/profile/api-access");

export interface IssuedPersonalKey {
  secret: string;
  prefix: string;
  createdAt: string;
  expiresAt: string | null;
}

const issued = ({ secret, prefix, createdAt, expiresAt }: IssuedKey): IssuedPersonalKey => ({
  secret,
  prefix,
  createdAt: createdAt.toISOString(),
  expiresAt: expiresAt?.toISOString() ?? null,
});

// The lifetime is checked against the organisation's maximum by the service, in the issuing transaction.
export const enablePersonalApiKeyAction = defineAction({
  ...ownKey,
  input: issuePersonalKeySchema,
  run: ({ db, author, meta, input }) => mapOk(enablePersonalKey(db, author, meta, input.lifetime), issued),
  revalidate: refreshOwn,
});

export const regeneratePersonalApiKeyAction = defineAction({
  ...ownKey,
  input: issuePersonalKeySchema,
  run: ({ db, author, meta, input }) => mapOk(regeneratePersonalKey(db, author, meta, input.lifetime), issued),
  revalidate: refreshOwn,
});

export const turnOffPersonalApiKeyAction = defineAction({
  ...ownKey,
  run: ({ db, author, meta }) => turnOffPersonalKey(db, author, meta),
  revalidate: refreshOwn,
});

/** API Management: an Administrator clears a person's key. */
export const clearPersonalApiKeyAction = defineAction({
  input: clearPersonalApiKeySchema,
  permission: "api_management:write",
  forbidden: "You must be an Administrator to clear people's API keys.",
  run: ({ db, author, input, meta }) => clearPersonalKey(db, author, input.userId, meta),
  revalidate: ({ userId }) => {
    revalidatePath("/admin/api-management");
    revalidatePath(`/admin/api-management/${userId}`);
  },
});
