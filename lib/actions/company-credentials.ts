"use server";

import { revalidatePath } from "next/cache";
import { mapOk } from "@/lib/result";
import {
  deleteCompanyCredentials,
  generateCompanyCredentials,
  rollClientSecret,
  stopPreviousClientSecret,
} from "@/lib/services/company-credentials";
import { deleteCompanyCredentialsSchema, rollClientSecretSchema } from "@/lib/validators/company-credentials";
import { defineAction } from "./define-action";

// Also after a conflict: someone else changed the credentials, and the page should show it.
const refresh = () => revalidatePath("/profile/account-settings");

export interface GeneratedCredentials {
  organization: { name: string; slug: string };
  clientId: string;
  /** Shown once in the reveal dialog; Keyward keeps only its hash. */
  clientSecret: string;
  createdAt: string;
  /** After a roll: when the previous secret stops working (ISO), or null when it stopped at once. */
  previousSecretExpiresAt?: string | null;
}

export const generateCompanyCredentialsAction = defineAction({
  permission: "company_credentials:write",
  forbidden: "You must be an Office Lead to generate API credentials.",
  run: ({ db, author, actor, meta }) =>
    mapOk(
      generateCompanyCredentials(db, author, meta),
      ({ clientId, clientSecret, createdAt }): GeneratedCredentials => ({
        organization: { name: actor.organization.name, slug: actor.organization.slug },
        clientId,
        clientSecret,
        createdAt: createdAt.toISOString(),
      }),
    ),
  revalidate: refresh,
});

export const deleteCompanyCredentialsAction = defineAction({
  input: deleteCompanyCredentialsSchema,
  permission: "company_credentials:write",
  forbidden: "You must be an Office Lead to delete API credentials.",
  run: ({ db, author, meta }) => mapOk(deleteCompanyCredentials(db, author, meta), () => undefined),
  revalidate: refresh,
});

export const rollClientSecretAction = defineAction({
  input: rollClientSecretSchema,
  permission: "company_credentials:write",
  forbidden: "You must be an Office Lead to roll the client secret.",
  run: ({ db, author, actor, input, meta }) =>
    mapOk(
      rollClientSecret(db, author, input.grace, meta),
      ({ clientId, clientSecret, createdAt, previousSecretExpiresAt }): GeneratedCredentials => ({
        organization: { name: actor.organization.name, slug: actor.organization.slug },
        clientId,
        clientSecret,
        createdAt: createdAt.toISOString(),
        previousSecretExpiresAt: previousSecretExpiresAt?.toISOString() ?? null,
      }),
    ),
  revalidate: refresh,
});

export const stopPreviousClientSecretAction = defineAction({
  permission: "company_credentials:write",
  forbidden: "You must be an Office Lead to stop the previous client secret.",
  run: ({ db, author, meta }) => mapOk(stopPreviousClientSecret(db, author, meta), () => undefined),
  revalidate: refresh,
});
