"use server";

import { revalidatePath } from "next/cache";
import { updateSetting } from "@/lib/services/settings";
import { updateSettingSchema } from "@/lib/validators/settings";
import { defineAction } from "./define-action";

export const updateSettingAction = defineAction({
  input: updateSettingSchema,
  permission: "settings:write",
  forbidden: "You must be an Administrator to change the organisation's settings.",
  run: ({ db, author, input, meta }) => updateSetting(db, author, input, meta),
  revalidate: () => revalidatePath("/admin", "layout"),
});
