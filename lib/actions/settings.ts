"use server";

import { revalidatePath } from "next/cache";
import {
  updateAccessLogRetention,
  updateMaxPersonalKeyLifetime,
  updatePersonalKeyRateLimit,
  updateSetting,
} from "@/lib/services/settings";
import {
  updateAccessLogRetentionSchema,
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

export const updateAccessLogRetentionAction = defineAction({
  ...settingsWrite,
  input: updateAccessLogRetentionSchema,
  run: ({ db, author, input, meta }) => updateAccessLogRetention(db, author, input, meta),
});
