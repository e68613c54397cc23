import { z } from "zod";
import { PERSONAL_KEY_LIFETIMES } from "@/lib/personal-key-lifetimes";

export const clearPersonalApiKeySchema = z.object({
  userId: z.uuid("Unknown person."),
});
export type ClearPersonalApiKeyInput = z.input<typeof clearPersonalApiKeySchema>;

/**
 * Enable API access and Regenerate New Key. Without a lifetime the server picks the longest the organisation allows,
 * so older clients keep working. The organisation's maximum is checked by the service, in the issuing transaction
 * (the form offers only the allowed lifetimes).
 */
export const issuePersonalKeySchema = z
  .object({
    lifetime: z
      .enum(PERSONAL_KEY_LIFETIMES, { error: "Choose how long the key lasts: 30, 90 or 365 days, or No expiry." })
      .optional(),
  })
  .default({});
export type IssuePersonalKeyInput = z.input<typeof issuePersonalKeySchema>;
