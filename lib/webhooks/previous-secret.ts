import type { webhooks } from "@/db/schema";

type SecretColumns = Pick<typeof webhooks.$inferSelect, "previousSecretCiphertext" | "previousSecretExpiresAt">;

/** Whether the secret a webhook's last roll replaced still signs deliveries at `now`: its grace has not ended. */
export const previousSigns = (
  row: SecretColumns,
  now: Date,
): row is SecretColumns & { previousSecretCiphertext: string; previousSecretExpiresAt: Date } =>
  row.previousSecretCiphertext !== null && row.previousSecretExpiresAt !== null && row.previousSecretExpiresAt > now;
