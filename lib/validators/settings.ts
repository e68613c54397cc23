import { z } from "zod";
import { rateLimitSchema } from "./rate-limits";

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

/** Administration → Settings → Maximum personal key lifetime: the choices, as the select sends them. */
export const MAX_PERSONAL_KEY_LIFETIMES = { none: "No limit", "30": "30 days", "90": "90 days", "365": "365 days" } as const;
export type MaxPersonalKeyLifetimeChoice = keyof typeof MAX_PERSONAL_KEY_LIFETIMES;

export const maxLifetimeChoiceOf = (days: number | null): MaxPersonalKeyLifetimeChoice =>
  days === null ? "none" : (String(days) as MaxPersonalKeyLifetimeChoice);

/** Lowering it does not shorten existing keys: it applies to keys made from then on (API Management flags the rest). */
export const updateMaxPersonalKeyLifetimeSchema = z.object({
  maxLifetime: z.enum(Object.keys(MAX_PERSONAL_KEY_LIFETIMES) as [MaxPersonalKeyLifetimeChoice, ...MaxPersonalKeyLifetimeChoice[]], {
    error: "Choose No limit, 30, 90 or 365 days.",
  }),
});
export type UpdateMaxPersonalKeyLifetimeInput = z.infer<typeof updateMaxPersonalKeyLifetimeSchema>;

/** Rate limit for personal keys: one limit the organisation sets, a budget of its own for each person's key. */
export const updatePersonalKeyRateLimitSchema = z.object({ rateLimit: rateLimitSchema });
export type UpdatePersonalKeyRateLimitInput = z.input<typeof updatePersonalKeyRateLimitSchema>;
export type UpdatePersonalKeyRateLimitData = z.output<typeof updatePersonalKeyRateLimitSchema>;
/** Administration → Settings → Keep access logs for: the choices, in days, as the select sends them. */
export const ACCESS_LOG_RETENTIONS = { "30": "30 days", "90": "90 days", "365": "365 days" } as const;
export type AccessLogRetentionChoice = keyof typeof ACCESS_LOG_RETENTIONS;

/** Raw entries older than this are pruned; the hourly usage counts are kept whatever is chosen. */
export const updateAccessLogRetentionSchema = z.object({
  retention: z.enum(Object.keys(ACCESS_LOG_RETENTIONS) as [AccessLogRetentionChoice, ...AccessLogRetentionChoice[]], {
    error: "Choose 30, 90 or 365 days.",
  }),
});
export type UpdateAccessLogRetentionInput = z.infer<typeof updateAccessLogRetentionSchema>;
