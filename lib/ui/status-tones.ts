import type { BadgeTone } from "@/components/ui/badge";

/**
 * Every state word the console shows in a badge, and the one tone it always has: a word means the same thing on
 * every page. Roles are facts about a person, not states, so they read as information.
 */
export const STATUS_TONES = {
  Active: "success",
  Enabled: "success",
  On: "success",
  Delivered: "success",
  Linked: "info",
  Pending: "info",
  Administrator: "info",
  "Office Lead": "info",
  Member: "info",
  "Expires soon": "warning",
  Retrying: "warning",
  "Exceeds the maximum lifetime": "warning",
  Expired: "danger",
  Revoked: "danger",
  Failed: "danger",
  Archived: "neutral",
  Disabled: "neutral",
  Off: "neutral",
  "Skipped (Off)": "neutral",
  "Turned off": "neutral",
  Regenerated: "neutral",
  Cleared: "neutral",
  "Never enabled": "neutral",
} as const satisfies Record<string, BadgeTone>;

export type StatusWord = keyof typeof STATUS_TONES;

/** An HTTP status by its class: success, redirect, the client's error, the server's error. */
export function httpStatusTone(status: number): BadgeTone {
  if (status >= 500) return "danger";
  if (status >= 400) return "warning";
  if (status >= 300) return "info";
  return "success";
}
