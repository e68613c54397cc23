"use server";

import { revalidatePath } from "next/cache";
import { updateMaxPersonalKeyLifetime, updatePersonalKeyRateLimit, updateSetting } from "@/lib/services/settings";
import {
  updateMaxPersonalKeyLifetimeSchema,
  updatePersonalKeyRateLimitSchema,
  updateSettingSchema,
} from "@/lib/validators/settings";
import { defineAction } from "./define-action";

const settingsWrite = {
  permission: "settings:write",
  forbidden: "You must be an Administrator to change the organisation's settings.",
  revalidate: () => revalidatePath("/admin", "layout"),
} as const;

export const updateSettingAction = defineAction({
  ...settingsWrite,
  input: updateSettingSchema,
  run: ({ db, author, input, meta }) => updateSetting(db, author, input, meta),
});

export const updateMaxPersonalKeyLifetimeAction = defineAction({
  ...settingsWrite,
  input: updateMaxPersonalKeyLifetimeSchema,
  run: ({ db, author, input, meta }) => updateMaxPersonalKeyLifetime(db, author, input, meta),
});

export const updatePersonalKeyRateLimitAction = defineAction({
  ...settingsWrite,
  input: updatePersonalKeyRateLimitSchema,
  run: ({ db, author, input, meta }) => updatePersonalKeyRateLimit(db, author, input, meta),
});
