import "server-only";
import type { Executor } from "@/db/client";
import { problem } from "@/lib/api/problem";
import { hitRateLimit, isRateLimited, retryAfterSeconds, type RateLimit } from "@/lib/rate-limit";
import { clientIp } from "@/lib/request-meta";

/** Refused credentials allowed per client address and minute before the address gets 429. */
export const FAILED_API_AUTH_PER_MINUTE = 30;

const limitFor = (request: Request): RateLimit => ({
  key: `api-auth-failures:ip:${clientIp(request.headers) ?? "unknown"}`,
  limit: FAILED_API_AUTH_PER_MINUTE,
  windowMs: 60_000,
});

/**
 * 429 with Retry-After when the request's address has used up its refused credentials for this minute, else null.
 * Asked before a credential is looked up, so an address that has been guessing learns nothing more, not even from a
 * right guess, until the window ends. The counters are rows in the database: the limit holds across app instances.
 * Requests that succeed are never counted, so a busy integration with a good credential is never slowed.
 */
export async function throttledAuthentication(db: Executor, request: Request, now = new Date()): Promise<Response | null> {
  const limit = limitFor(request);
  if (!(await isRateLimited(db, limit, now))) return null;
  const seconds = retryAfterSeconds(limit.windowMs, now);
  return problem("rate_limited", {
    detail: `Too many requests with credentials that were not valid came from this address. Try again in ${seconds} s.`,
    headers: { "Retry-After": String(seconds) },
  });
}

/** Counts one refused credential (unknown, mistyped, disabled, expired, revoked) against the request's address. */
export async function countFailedAuthentication(db: Executor, request: Request, now = new Date()): Promise<void> {
  await hitRateLimit(db, limitFor(request), now);
}
