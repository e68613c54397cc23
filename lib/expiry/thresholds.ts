/** When Keyward gives notice of a credential's expiry: the days before it, then the expiry itself. */
export const EXPIRY_THRESHOLDS = [
  { threshold: "14d", days: 14 },
  { threshold: "3d", days: 3 },
  { threshold: "expired", days: 0 },
] as const;
export type ExpiryThreshold = (typeof EXPIRY_THRESHOLDS)[number]["threshold"];

/** The first notice comes this many days before: the console's banners use the same window. */
export const EXPIRY_SOON_DAYS = 14;

export const DAY_MS = 24 * 60 * 60 * 1000;

export type ExpiryState = "expired" | "soon" | "later";

/** Where a credential expiring at `expiresAt` stands at `now`. */
export function expiryState(expiresAt: Date, now: Date): ExpiryState {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return "expired";
  return left <= EXPIRY_SOON_DAYS * DAY_MS ? "soon" : "later";
}
