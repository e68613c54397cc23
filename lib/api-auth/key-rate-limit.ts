import "server-only";
import type { Executor } from "@/db/client";
import { claimRateLimitBudget, retryAfterSeconds } from "@/lib/rate-limit";
import { RATE_LIMIT_WINDOW_SECONDS, type RequestRateLimit } from "@/lib/validators/rate-limits";

/** A credential's limit and whose budget it spends (`api-key:<id>`, `personal-key:<id>`). */
export interface RateLimitSubject {
  subject: string;
  limit: RequestRateLimit;
}

/** One request's verdict, with what the RateLimit headers tell the client. */
export interface RateLimitDecision {
  allowed: boolean;
  limit: RequestRateLimit;
  /** Requests still admitted in this window (an upper bound when other instances hold leases too). */
  remaining: number;
  /** Seconds until the window ends: `t` of the RateLimit header, and Retry-After of a 429. */
  resetSeconds: number;
}

/**
 * How much of a window's budget an instance claims at once. A lease of 1/50 of the limit keeps the database to
 * about 50 claims per key and window whatever the traffic, while the budget that other instances may hold unused
 * (and so refuse early) stays within 2% of the limit per instance. Small limits are counted one by one: exact.
 */
export const leaseSize = (requests: number) => Math.max(1, Math.floor(requests / 50));

const MAX_LEASES = 10_000;

interface Lease {
  windowStart: number;
  requests: number;
  /** Units claimed from the database and not yet spent here. */
  left: number;
  /** The window's total claimed (by every instance) as of this instance's last claim. */
  claimed: number;
  /** The database said the window's budget is gone: refuse without asking again until the window ends. */
  exhausted: boolean;
  claiming?: Promise<void>;
}

/**
 * A per-process limiter for keys' rate limits. Each process spends leases (chunks of a fixed window's budget claimed
 * with one atomic upsert in `rate_limit_counters`), so the limit holds across instances without a database round
 * trip per request: N instances together never admit more than the limit in a window, and may refuse early by at
 * most the leases the others hold unused. See docs/decisions/0012-key-rate-limits.md.
 *
 * `now` is injectable so tests move the clock instead of waiting.
 */
export function createKeyRateLimiter({ now = () => new Date() }: { now?: () => Date } = {}) {
  const leases = new Map<string, Lease>();

  function forget(at: number) {
    for (const [key, lease] of leases) if (lease.windowStart + 3600_000 <= at) leases.delete(key);
    if (leases.size >= MAX_LEASES) leases.clear();
  }

  async function consume(db: Executor, { subject, limit }: RateLimitSubject): Promise<RateLimitDecision> {
    const at = now();
    const windowMs = RATE_LIMIT_WINDOW_SECONDS[limit.per] * 1000;
    const windowStart = Math.floor(at.getTime() / windowMs) * windowMs;
    const resetSeconds = retryAfterSeconds(windowMs, at);
    // The window's length is in the counter's name, so changing the unit starts a new count; changing the number
    // keeps the count, and a lowered limit applies to what was already used.
    const key = `key-rate:${subject}:${limit.per}`;
    let lease = leases.get(key);
    if (!lease || lease.windowStart !== windowStart || lease.requests !== limit.requests) {
      if (leases.size >= MAX_LEASES) forget(at.getTime());
      lease = { windowStart, requests: limit.requests, left: 0, claimed: 0, exhausted: false };
      leases.set(key, lease);
    }
    // Concurrent requests here wait for one claim rather than each claiming a lease of its own.
    while (lease.left === 0 && !lease.exhausted) {
      const current = lease;
      current.claiming ??= claimRateLimitBudget(db, { key, limit: limit.requests, windowMs }, leaseSize(limit.requests), at)
        .then(({ granted, claimed }) => {
          current.left += granted;
          current.claimed = Math.max(current.claimed, claimed);
          current.exhausted = granted === 0;
        })
        .finally(() => {
          current.claiming = undefined;
        });
      await current.claiming;
    }
    if (lease.left === 0) return { allowed: false, limit, remaining: 0, resetSeconds };
    lease.left -= 1;
    return { allowed: true, limit, remaining: Math.max(0, limit.requests - lease.claimed) + lease.left, resetSeconds };
  }

  return { consume };
}

export type KeyRateLimiter = ReturnType<typeof createKeyRateLimiter>;

const holder = globalThis as unknown as { __keywardKeyRateLimiter?: KeyRateLimiter };
/** This process's limiter: one lease table per server, kept across hot reloads. */
export const keyRateLimiter: KeyRateLimiter = (holder.__keywardKeyRateLimiter ??= createKeyRateLimiter());

/**
 * Spends one request of every limit that applies (an access code used through a link: its own key's and the
 * link's). The verdict reported is the tightest one; a refusal by any limit refuses the request.
 */
export async function consumeRateLimits(
  db: Executor,
  subjects: readonly RateLimitSubject[],
  limiter: KeyRateLimiter = keyRateLimiter,
): Promise<RateLimitDecision | null> {
  let tightest: RateLimitDecision | null = null;
  for (const subject of subjects) {
    const decision = await limiter.consume(db, subject);
    if (!decision.allowed) return decision;
    if (!tightest || decision.remaining < tightest.remaining) tightest = decision;
  }
  return tightest;
}

/**
 * The IETF RateLimit fields in their structured-field form (draft-ietf-httpapi-ratelimit-headers-11, §3 and §4):
 * `RateLimit-Policy: "default";q=100;w=60` (quota and window in seconds) and `RateLimit: "default";r=42;t=17`
 * (remaining quota and seconds until it resets).
 */
export function rateLimitHeaders(decision: RateLimitDecision): Record<string, string> {
  const window = RATE_LIMIT_WINDOW_SECONDS[decision.limit.per];
  return {
    "RateLimit-Policy": `"default";q=${decision.limit.requests};w=${window}`,
    RateLimit: `"default";r=${decision.remaining};t=${decision.resetSeconds}`,
  };
}
