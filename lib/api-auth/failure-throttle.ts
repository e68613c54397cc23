import "server-only";
import type { Executor } from "@/db/client";
import { problem } from "@/lib/api/problem";
import { hitRateLimit, isRateLimited, retryAfterSeconds, type RateLimit } from "@/lib/rate-limit";
import { clientIp } from "@/lib/request-meta";

/** Refused credentials allowed per client address and minute before the address gets 429. */
export const FAILED_API_AUTH_PER_MINUTE = 30;
const WINDOW_MS = 60_000;

/** How long this process trusts a "not limited" answer before reading the shared counter again. */
export const THROTTLE_RECHECK_MS = 1000;
const MAX_ADDRESSES = 10_000;

const limitFor = (request: Request): RateLimit => ({
  key: `api-auth-failures:ip:${clientIp(request.headers) ?? "unknown"}`,
  limit: FAILED_API_AUTH_PER_MINUTE,
  windowMs: WINDOW_MS,
});

/**
 * What this process last learnt of each address's counter. Without it every request, good ones included, would pay
 * a database read before its credential is even looked at: the one cost a busy integration would notice. A
 * "limited" answer holds until its window ends (a window never un-limits); a "not limited" one for at most
 * THROTTLE_RECHECK_MS, and each refusal counted here replaces it with the shared count, so another instance's
 * guesses are seen within a second, or at this address's very next refusal here.
 */
interface Seen {
  window: number;
  limited: boolean;
  at: number;
}
const holder = globalThis as unknown as { __keywardThrottleSeen?: Map<string, Seen> };
const seen: Map<string, Seen> = (holder.__keywardThrottleSeen ??= new Map());

function remember(key: string, entry: Seen) {
  if (seen.size >= MAX_ADDRESSES && !seen.has(key)) seen.clear();
  seen.set(key, entry);
}

const windowOf = (now: Date) => Math.floor(now.getTime() / WINDOW_MS);

/**
 * 429 with Retry-After when the request's address has used up its refused credentials for this minute, else null.
 * Asked before a credential is looked up, so an address that has been guessing learns nothing more, not even from a
 * right guess, until the window ends. The counters are rows in the database: the limit holds across app instances.
 * Requests that succeed are never counted, so a busy integration with a good credential is never slowed.
 */
export async function throttledAuthentication(db: Executor, request: Request, now = new Date()): Promise<Response | null> {
  const limit = limitFor(request);
  const window = windowOf(now);
  let known = seen.get(limit.key);
  if (!known || known.window !== window || (!known.limited && now.getTime() - known.at >= THROTTLE_RECHECK_MS)) {
    known = { window, limited: await isRateLimited(db, limit, now), at: now.getTime() };
    remember(limit.key, known);
  }
  if (!known.limited) return null;
  const seconds = retryAfterSeconds(limit.windowMs, now);
  return problem("rate_limited", {
    detail: `Too many requests with credentials that were not valid came from this address. Try again in ${seconds} s.`,
    headers: { "Retry-After": String(seconds) },
  });
}

/** Counts one refused credential (unknown, mistyped, disabled, expired, revoked) against the request's address. */
export async function countFailedAuthentication(db: Executor, request: Request, now = new Date()): Promise<void> {
  const limit = limitFor(request);
  const { count } = await hitRateLimit(db, limit, now);
  remember(limit.key, { window: windowOf(now), limited: count >= limit.limit, at: now.getTime() });
}
