"use server";

import { revalidatePath } from "next/cache";
import { updateSettings } from "@/lib/services/settings";
import { settingsSchema } from "@/lib/validators/settings";
import { defineAction } from "./define-action";

export const updateSettingsAction = defineAction({
  input: settingsSchema,
  permission: "settings:write",
  forbidden: "You must be an Administrator to change the organisation's settings.",
  run: ({ db, author, input, meta }) => updateSettings(db, author, input, meta),
  revalidate: () => revalidatePath("/admin", "layout"),
});
