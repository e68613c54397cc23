"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { personActor } from "@/lib/audit";
import { requirePermission } from "@/lib/auth/actor";
import { failure, forbiddenResult, invalid, notFoundResult, success, unexpected, type ActionResult } from "@/lib/errors";
import { requestMeta } from "@/lib/request-meta";
import { updatePersonRoles } from "@/lib/services/people";
import { updatePersonRolesSchema } from "@/lib/validators/people";

export async function updatePersonRolesAction(raw: unknown): Promise<ActionResult> {
  const input = updatePersonRolesSchema.safeParse(raw);
  if (!input.success) return invalid(input.error);
  const actor = await requirePermission("people:write");
  if (!actor) return forbiddenResult("You must be an Administrator to change people's roles.");
  try {
    const outcome = await updatePersonRoles(await getDb(), personActor(actor), input.data, requestMeta(await headers()));
    if (!outcome.ok && outcome.reason === "not_found") return notFoundResult("That person");
    if (!outcome.ok) {
      return failure("conflict", "An organisation needs at least one Administrator.", {
        roles: ["An organisation needs at least one Administrator."],
      });
    }
  } catch (error) {
    return unexpected(error, "updatePersonRolesAction");
  }
  revalidatePath("/admin/people");
  return success(undefined);
}

