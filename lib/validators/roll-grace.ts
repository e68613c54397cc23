import { z } from "zod";

/**
 * How long a rolled secret keeps working beside the new one, as the roll dialogs offer it: the client secret keeps
 * obtaining tokens, a webhook's signing secret keeps signing deliveries next to the new one.
 */
export const ROLL_GRACE_PERIODS = {
  now: { label: "Now", seconds: 0 },
  "1h": { label: "1 hour", seconds: 3600 },
  "24h": { label: "24 hours", seconds: 24 * 3600 },
  "7d": { label: "7 days", seconds: 7 * 24 * 3600 },
} as const;
export type RollGracePeriod = keyof typeof ROLL_GRACE_PERIODS;

export const ROLL_GRACE_CHOICES = Object.keys(ROLL_GRACE_PERIODS) as [RollGracePeriod, ...RollGracePeriod[]];

export const rollGraceSchema = z.enum(ROLL_GRACE_CHOICES, `Choose how long the previous secret keeps working: ${ROLL_GRACE_CHOICES.join(", ")}.`);

/** When a secret rolled at `now` with `grace` stops, or null when it stops at once. */
export function graceEndsAt(grace: RollGracePeriod, now: Date): Date | null {
  const { seconds } = ROLL_GRACE_PERIODS[grace];
  return seconds > 0 ? new Date(now.getTime() + seconds * 1000) : null;
}
