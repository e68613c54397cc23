import "server-only";
import type { Executor } from "@/db/client";
import { problem } from "@/lib/api/problem";
import { isDatabaseUnavailable, pgErrorCode } from "@/lib/db-errors";
import { addRateLimitTallies, retryAfterSeconds, tallyId } from "@/lib/rate-limit";
import { clientIp } from "@/lib/request-meta";
import { logUnavailable } from "@/lib/unavailable-log";

/** Refused credentials allowed per client address and minute before the address gets 429. */
export const FAILED_API_AUTH_PER_MINUTE = 30;
const WINDOW_MS = 60_000;

/** How long this process trusts what it last learnt of an address's shared count before asking again. */
export const THROTTLE_RECHECK_MS = 1000;

/**
 * Refusals this process counts for one address before it adds them to the shared count and reads it again. It bounds
 * what instances can admit between two syncs: N instances together let an address through at most
 * FAILED_API_AUTH_PER_MINUTE + N × LOCAL_SHARE refused credentials a minute.
 */
export const LOCAL_SHARE = 5;

/** How long addresses due for a re-read wait to be read together in one statement. */
const SYNC_DELAY_MS = 50;
const MAX_ADDRESSES = 10_000;

const keyFor = (request: Request) => `api-auth-failures:ip:${clientIp(request.headers) ?? "unknown"}`;
const windowOf = (now: Date) => Math.floor(now.getTime() / WINDOW_MS);

/**
 * What this process knows of one address in the current window: the shared count as last read (`shared`, which
 * includes every refusal this process has already sent) and its refusals not yet sent (`pending`).
 */
interface Ledger {
  window: number;
  shared: number;
  pending: number;
  /** When the shared count was last read; 0 for never. */
  syncedAt: number;
}

/**
 * Refusals are counted here first and reach the shared table LOCAL_SHARE at a time, with a read of the shared count
 * in the same statement; addresses due for a re-read are read in batches. So neither a refusal nor a request from a
 * new address waits for the database, which is what made each refused credential cost three round trips. This
 * process's own count is exact at once (shared + pending), so one instance throttles at exactly the limit; other
 * instances' refusals are seen at the next read. An address's first request here reads nothing: the answer would
 * come too late for it, and an address that comes back is read then.
 */
const holder = globalThis as unknown as { __keywardFailureLedger?: { ledgers: Map<string, Ledger>; due: Set<string> } };
const state = (holder.__keywardFailureLedger ??= { ledgers: new Map(), due: new Set() });

function ledgerFor(key: string, window: number): Ledger {
  const known = state.ledgers.get(key);
  if (known && known.window === window) return known;
  if (!known && state.ledgers.size >= MAX_ADDRESSES) makeRoom(window);
  const fresh: Ledger = { window, shared: 0, pending: 0, syncedAt: 0 };
  state.ledgers.set(key, fresh);
  return fresh;
}

/**
 * Makes room: past windows and addresses with nothing pending go first; if that is not enough, the oldest addresses,
 * each with fewer than LOCAL_SHARE refusals that no other instance knew of, which only an address among thousands
 * gains from.
 */
function makeRoom(window: number) {
  for (const [key, ledger] of state.ledgers) {
    if (ledger.window !== window || (ledger.pending === 0 && !state.due.has(key))) state.ledgers.delete(key);
  }
  for (const key of state.ledgers.keys()) {
    if (state.ledgers.size < MAX_ADDRESSES * 0.9) break;
    if (!state.due.has(key)) state.ledgers.delete(key);
  }
}

let scheduled: ReturnType<typeof setTimeout> | null = null;
let running: Promise<void> = Promise.resolve();

function markDue(db: Executor, key: string) {
  state.due.add(key);
  if (scheduled) return;
  scheduled = setTimeout(() => {
    scheduled = null;
    void syncFailureCounts(db).catch((error: unknown) => {
      // The counts stay pending and go with the next batch; the request that caused them was answered already.
      if (isDatabaseUnavailable(error)) logUnavailable("Syncing the refused-credential counts", error);
      // The code only: drizzle's message carries the statement and the client addresses it was given.
      else console.error(`[keyward] Syncing the refused-credential counts failed (${pgErrorCode(error) ?? "error"}).`);
    });
  }, SYNC_DELAY_MS);
  scheduled.unref?.();
}

/**
 * Sends every pending count and reads every address due for a re-read, in one statement; one sync runs at a time.
 * Exported so tests can wait for the batch that the requests they made have scheduled.
 */
export function syncFailureCounts(db: Executor, now = new Date()): Promise<void> {
  const next = running.catch(() => undefined).then(() => syncOnce(db, now));
  running = next;
  return next;
}

async function syncOnce(db: Executor, now: Date) {
  const batch = [...state.due].flatMap((key) => {
    const ledger = state.ledgers.get(key);
    return ledger ? [{ key, ledger, hits: ledger.pending }] : [];
  });
  state.due.clear();
  if (batch.length === 0) return;
  for (const { ledger, hits } of batch) ledger.pending -= hits;
  let totals: Map<string, number>;
  try {
    totals = await addRateLimitTallies(
      db,
      batch.map(({ key, ledger, hits }) => ({ key, windowStart: new Date(ledger.window * WINDOW_MS), hits })),
      now,
    );
  } catch (error) {
    for (const { key, ledger, hits } of batch) {
      ledger.pending += hits;
      if (ledger.pending > 0) state.due.add(key);
    }
    throw error;
  }
  for (const { key, ledger } of batch) {
    ledger.shared = totals.get(tallyId(key, new Date(ledger.window * WINDOW_MS))) ?? ledger.shared;
    ledger.syncedAt = now.getTime();
  }
}

/**
 * 429 with Retry-After when the request's address has used up its refused credentials for this minute, else null.
 * Asked before a credential is looked up, so an address that has been guessing learns nothing more, not even from a
 * right guess, until the window ends. The counters are rows in the database: the limit holds across app instances.
 * Requests that succeed are never counted, so a busy integration with a good credential is never slowed.
 */
export async function throttledAuthentication(db: Executor, request: Request, now = new Date()): Promise<Response | null> {
  const key = keyFor(request);
  const window = windowOf(now);
  const seenBefore = state.ledgers.get(key)?.window === window;
  const ledger = ledgerFor(key, window);
  if (ledger.shared + ledger.pending < FAILED_API_AUTH_PER_MINUTE) {
    if (seenBefore && now.getTime() - ledger.syncedAt >= THROTTLE_RECHECK_MS) markDue(db, key);
    return null;
  }
  const seconds = retryAfterSeconds(WINDOW_MS, now);
  return problem("rate_limited", {
    detail: `Too many requests with credentials that were not valid came from this address. Try again in ${seconds} s.`,
    headers: { "Retry-After": String(seconds) },
  });
}

/** Counts one refused credential (unknown, mistyped, disabled, expired, revoked) against the request's address. */
export async function countFailedAuthentication(db: Executor, request: Request, now = new Date()): Promise<void> {
  const key = keyFor(request);
  const ledger = ledgerFor(key, windowOf(now));
  ledger.pending++;
  if (ledger.pending < LOCAL_SHARE) return;
  state.due.add(key);
  await syncFailureCounts(db, now);
}
