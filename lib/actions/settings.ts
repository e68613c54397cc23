"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { getDb } from "@/db/client";
import { personActor } from "@/lib/audit";
import { requirePermission } from "@/lib/auth/actor";
import { forbiddenResult, invalid, notFoundResult, success, unexpected, type ActionResult } from "@/lib/errors";
import { requestMeta } from "@/lib/request-meta";
import { updateSettings } from "@/lib/services/settings";
import { settingsSchema } from "@/lib/validators/api-keys";

export async function updateSettingsAction(raw: unknown): Promise<ActionResult> {
  const input = settingsSchema.safeParse(raw);
  if (!input.success) return invalid(input.error);
  const actor = await requirePermission("settings:write");
  if (!actor) return forbiddenResult("You must be an Administrator to change the organisation's settings.");
  try {
    const outcome = await updateSettings(await getDb(), personActor(actor), input.data, requestMeta(await headers()));
    if (!outcome.ok) return notFoundResult("Your organisation");
  } catch (error) {
    return unexpected(error, "updateSettingsAction");
  }
  revalidatePath("/admin", "layout");
  return success(undefined);
}
