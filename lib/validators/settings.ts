import { z } from "zod";

/** The organisation's API settings (Administration → Settings), each an on/off switch. */
export const SETTING_NAMES = ["allowWritePolicies", "allowQueryStringKeys", "allowPersonalApiKeys"] as const;
export type SettingName = (typeof SETTING_NAMES)[number];
export type Settings = Record<SettingName, boolean>;

/**
 * One switch at a time: two Administrators changing different switches at the same moment must not overwrite each
 * other, so a save names only the switch that changed.
 */
export const updateSettingSchema = z.object({
  setting: z.enum(SETTING_NAMES, "Unknown setting."),
  enabled: z.boolean(),
});
export type UpdateSettingInput = z.infer<typeof updateSettingSchema>;
