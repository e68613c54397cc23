import type { PersonalKeyStatus } from "@/db/queries/personal-api-keys";

export const KEY_STATUS_LABELS: Record<PersonalKeyStatus, string> = {
  enabled: "Enabled",
  turned_off: "Turned off",
  regenerated: "Regenerated",
  cleared: "Cleared",
  none: "Never enabled",
};
