import { z } from "zod";

/** The organisation's API settings (Administration → Settings). */
export const settingsSchema = z.object({
  allowWritePolicies: z.boolean(),
  allowQueryStringKeys: z.boolean(),
  allowPersonalApiKeys: z.boolean(),
});
export type SettingsInput = z.infer<typeof settingsSchema>;
