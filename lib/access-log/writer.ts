import "server-only";
import { inArray, sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { accessCodes, accessLogs, apiKeys, type NewAccessLog } from "@/db/schema";

/**
 * The access log is written in batches, off the request's path: an entry waits at most FLUSH_MS, or until
 * MAX_BATCH entries are queued, and the queue is flushed on a clean shutdown (SIGTERM, SIGINT, beforeExit).
 * "Last used" of keys and codes is updated with the batch, at most once per TOUCH_MS per credential.
 */
const FLUSH_MS = 250;
const MAX_BATCH = 100;
const TOUCH_MS = 5_000;
/** A database outage must not grow the queue without bound. */
const MAX_QUEUE = 50_000;

interface State {
  queue: NewAccessLog[];
  touches: { codes: Map<string, Date>; keys: Map<string, Date> };
  lastTouched: Map<string, number>;
  timer: ReturnType<typeof setTimeout> | null;
  flushing: Promise<void> | null;
  hooked: boolean;
}

// On globalThis: Next may load this module more than once (route bundles), but there must be one queue per process.
const holder = globalThis as unknown as { __keywardAccessLog?: State };
const state: State = (holder.__keywardAccessLog ??= {
  queue: [],
  touches: { codes: new Map(), keys: new Map() },
  lastTouched: new Map(),
  timer: null,
  flushing: null,
  hooked: false,
});

export interface Touch {
  accessCodeId?: string | null;
  apiKeyId?: string | null;
}

/** Queues one access-log entry (and the "last used" of its credential); never throws, never waits. */
export function recordAccess(entry: NewAccessLog, touch: Touch = {}): void {
  hookShutdown();
  if (state.queue.length >= MAX_QUEUE) state.queue.shift();
  state.queue.push(entry);
  const at = entry.createdAt instanceof Date ? entry.createdAt : new Date();
  for (const [map, id, tag] of [
    [state.touches.codes, touch.accessCodeId, "c"],
    [state.touches.keys, touch.apiKeyId, "k"],
  ] as const) {
    if (!id) continue;
    const last = state.lastTouched.get(tag + id) ?? 0;
    if (at.getTime() - last < TOUCH_MS) continue;
    state.lastTouched.set(tag + id, at.getTime());
    map.set(id, at);
  }
  if (state.queue.length >= MAX_BATCH) void flushAccessLog();
  else state.timer ??= setTimeout(() => void flushAccessLog(), FLUSH_MS);
}

/** Writes everything queued so far. Concurrent callers share one flush; resolves when the queue has been written. */
export async function flushAccessLog(): Promise<void> {
  if (state.timer) {
    clearTimeout(state.timer);
    state.timer = null;
  }
  while (state.flushing) await state.flushing;
  if (state.queue.length === 0 && state.touches.codes.size === 0 && state.touches.keys.size === 0) return;
  state.flushing = writeBatch().finally(() => {
    state.flushing = null;
  });
  await state.flushing;
  if (state.queue.length > 0) state.timer ??= setTimeout(() => void flushAccessLog(), FLUSH_MS);
}

async function writeBatch(): Promise<void> {
  const entries = state.queue.splice(0, MAX_BATCH * 10);
  const codes = [...state.touches.codes];
  const keys = [...state.touches.keys];
  state.touches.codes.clear();
  state.touches.keys.clear();
  try {
    const db = await getDb();
    for (let i = 0; i < entries.length; i += MAX_BATCH) await db.insert(accessLogs).values(entries.slice(i, i + MAX_BATCH));
    // greatest(): a late batch never moves "last used" backwards.
    if (codes.length) {
      const at = latest(codes);
      await db
        .update(accessCodes)
        .set({ lastUsedAt: sql`greatest(${accessCodes.lastUsedAt}, ${at.toISOString()}::timestamptz)` })
        .where(inArray(accessCodes.id, codes.map(([id]) => id)));
    }
    if (keys.length) {
      const at = latest(keys);
      await db
        .update(apiKeys)
        .set({ lastUsedAt: sql`greatest(${apiKeys.lastUsedAt}, ${at.toISOString()}::timestamptz)` })
        .where(inArray(apiKeys.id, keys.map(([id]) => id)));
    }
  } catch (error) {
    // Put the entries back for the next attempt; the cause is logged, the requests were already answered.
    state.queue.unshift(...entries);
    console.error("[keyward] Could not write the access log:", error instanceof Error ? error.message : error);
  }
}

const latest = (pairs: [string, Date][]) => new Date(Math.max(...pairs.map(([, at]) => at.getTime())));

/**
 * Flushes on a clean shutdown. Next's own SIGTERM handler closes the server and then calls process.exit(), which
 * would cut an asynchronous flush short: so, once a signal arrives, process.exit waits for the flush (at most 5 s).
 */
function hookShutdown() {
  if (state.hooked) return;
  state.hooked = true;
  process.once("beforeExit", () => void flushAccessLog());
  for (const signal of ["SIGTERM", "SIGINT"] as const) {
    process.once(signal, () => {
      const exit = process.exit.bind(process);
      const flushed = Promise.race([flushAccessLog(), new Promise((resolve) => setTimeout(resolve, 5_000))]);
      process.exit = ((code?: number) => {
        void flushed.finally(() => exit(code));
      }) as typeof process.exit;
      // Nobody else handles the signal (NEXT_MANUAL_SIG_HANDLE): end the process as the signal would have.
      if (process.listenerCount(signal) === 0) process.exit(signal === "SIGTERM" ? 143 : 130);
    });
  }
}
