"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { personActor } from "@/lib/audit";
import { requirePermission } from "@/lib/auth/actor";
import { failure, forbiddenResult, invalid, success, unexpected, type ActionResult } from "@/lib/errors";
import { requestMeta } from "@/lib/request-meta";
import { deleteCompanyCredentials, generateCompanyCredentials } from "@/lib/services/company-credentials";
import { deleteCompanyCredentialsSchema } from "@/lib/validators/company-credentials";

const PAGE = "/profile/account-settings";

export interface GeneratedCredentials {
  organization: { name: string; slug: string };
  clientId: string;
  /** Shown once in the reveal dialog; Keyward keeps only its hash. */
  clientSecret: string;
  createdAt: string;
}

export async function generateCompanyCredentialsAction(): Promise<ActionResult<GeneratedCredentials>> {
  // Re-checked against the database's current roles: the greyed button is a courtesy, this is the rule.
  const actor = await requirePermission("company_credentials:write");
  if (!actor) return forbiddenResult("You must be an Office Lead to generate API credentials.");
  try {
    const outcome = await generateCompanyCredentials(await getDb(), personActor(actor), requestMeta(await headers()));
    revalidatePath(PAGE);
    if (!outcome.ok) {
      return failure(
        "conflict",
        "Your company already has API credentials: someone generated them a moment ago. The page now shows them; delete them first if you need new ones.",
      );
    }
    const { clientId, clientSecret, createdAt } = outcome.credentials;
    return success({
      organization: { name: actor.organization.name, slug: actor.organization.slug },
      clientId,
      clientSecret,
      createdAt: createdAt.toISOString(),
    });
  } catch (error) {
    return unexpected(error, "generateCompanyCredentialsAction");
  }
}

export async function deleteCompanyCredentialsAction(raw: unknown): Promise<ActionResult> {
  const input = deleteCompanyCredentialsSchema.safeParse(raw);
  if (!input.success) return invalid(input.error);
  const actor = await requirePermission("company_credentials:write");
  if (!actor) return forbiddenResult("You must be an Office Lead to delete API credentials.");
  try {
    const outcome = await deleteCompanyCredentials(await getDb(), personActor(actor), requestMeta(await headers()));
    revalidatePath(PAGE);
    if (!outcome.ok) return failure("not_found", "Your company has no API credentials to delete: someone deleted them already.");
  } catch (error) {
    return unexpected(error, "deleteCompanyCredentialsAction");
  }
  return success(undefined);
}
