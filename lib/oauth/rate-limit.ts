import "server-only";
import type { Executor } from "@/db/client";
import { hitRateLimit, isRateLimited, retryAfterSeconds, type RateLimit } from "@/lib/rate-limit";
import { isPublicId } from "@/lib/secrets";
import { CLIENT_ID_PREFIX } from "./client-id";

/** Failed requests to the token and revocation endpoints allowed per client id and per IP, per minute. */
export const FAILED_OAUTH_REQUESTS_PER_MINUTE = 10;
const WINDOW_MS = 60_000;

/**
 * The counters a failed OAuth request counts against: one per IP and one per client id. Both live in the database,
 * so the limit holds across app instances. A guessing attacker is thus slowed down whether they vary the secret
 * for one client or try many clients from one address.
 */
export function oauthFailureLimits(ip: string | null, clientId: string | null): RateLimit[] {
  const limits: RateLimit[] = [
    { key: `oauth-failures:ip:${ip ?? "unknown"}`, limit: FAILED_OAUTH_REQUESTS_PER_MINUTE, windowMs: WINDOW_MS },
  ];
  // Only a well-formed client id gets a counter of its own: anything else would let a caller mint counters at will.
  if (clientId && isPublicId(CLIENT_ID_PREFIX, clientId)) {
    limits.push({
      key: `oauth-failures:client:${clientId}`,
      limit: FAILED_OAUTH_REQUESTS_PER_MINUTE,
      windowMs: WINDOW_MS,
    });
  }
  return limits;
}

/** Seconds to wait if any of `limits` is used up, else null. */
export async function oauthRetryAfter(db: Executor, limits: RateLimit[], now = new Date()): Promise<number | null> {
  for (const limit of limits) {
    if (await isRateLimited(db, limit, now)) return retryAfterSeconds(limit.windowMs, now);
  }
  return null;
}

export async function countOAuthFailure(db: Executor, limits: RateLimit[], now = new Date()): Promise<void> {
  for (const limit of limits) await hitRateLimit(db, limit, now);
}
