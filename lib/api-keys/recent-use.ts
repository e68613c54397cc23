/** How recently a code must have been used for switching it off to ask first: an integration probably still sends it. */
export const RECENT_USE_MS = 24 * 60 * 60 * 1000;

/** Whether a code last used at `lastUsedAt` (ISO string or null) was used within the last 24 hours of `now`. */
export function usedRecently(lastUsedAt: string | null, now: number): boolean {
  if (!lastUsedAt) return false;
  const at = Date.parse(lastUsedAt);
  return Number.isFinite(at) && now - at < RECENT_USE_MS;
}
