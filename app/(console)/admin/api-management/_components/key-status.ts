import type { PersonalKeyStatus } from "@/db/queries/personal-api-keys";

export const KEY_STATUS_LABELS = {
  enabled: "Enabled",
  turned_off: "Turned off",
  regenerated: "Regenerated",
  cleared: "Cleared",
  none: "Never enabled",
} as const satisfies Record<PersonalKeyStatus, string>;
