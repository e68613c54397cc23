import { z } from "zod";

export const clearPersonalApiKeySchema = z.object({
  userId: z.uuid("Unknown person."),
});
export type ClearPersonalApiKeyInput = z.input<typeof clearPersonalApiKeySchema>;
