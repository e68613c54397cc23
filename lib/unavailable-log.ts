import { unavailableReason } from "./db-errors";

export interface UnavailableLogOptions {
  /** A reason is logged at most once per this many ms; the repeats in between are counted in the next line. */
  intervalMs?: number;
  log?: (message: string) => void;
  now?: () => number;
}

/**
 * Logs why requests were answered "database unavailable": during an outage every request fails the same way, so
 * each reason (the driver's, pool's or server's code) gets one line per interval with the count of its repeats.
 * The reason tells which bound gave up (pool wait, connect, statement) or what the server said.
 */
export function createUnavailableLog({
  intervalMs = 5_000,
  log = (message) => console.error(`[keyward] ${message}`),
  now = Date.now,
}: UnavailableLogOptions = {}) {
  const last = new Map<string, { at: number; repeats: number }>();
  return (where: string, error: unknown) => {
    const reason = unavailableReason(error) ?? "unknown";
    const at = now();
    const seen = last.get(reason);
    if (seen && at - seen.at < intervalMs) {
      seen.repeats++;
      return;
    }
    const repeats = seen?.repeats ? ` (${seen.repeats} more since the last line)` : "";
    last.set(reason, { at, repeats: 0 });
    log(`${where}: the database is unavailable (${reason})${repeats}.`);
  };
}

// On globalThis: Next may load this module more than once (route bundles), and the interval is per process.
const holder = globalThis as unknown as { __keywardUnavailableLog?: ReturnType<typeof createUnavailableLog> };

/** This process's log of unavailable-database answers. */
export const logUnavailable = (holder.__keywardUnavailableLog ??= createUnavailableLog());
