import "server-only";
import { getTableColumns, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { accessCodes, accessLogs, apiKeys, type NewAccessLog } from "@/db/schema";
import { classifyDatabaseError, pgErrorCode } from "@/lib/db-errors";
import { addToRollups } from "./rollup";

export interface Touch {
  accessCodeId?: string | null;
  apiKeyId?: string | null;
}

export interface WriterOptions {
  getDb: () => Promise<Db>;
  /** An entry waits at most this long before its batch is written. */
  flushMs?: number;
  /** Entries per INSERT; a full batch is written at once. */
  maxBatch?: number;
  /** "Last used" of a credential is updated at most once per this many ms. */
  touchMs?: number;
  /** A long outage must not grow the queue without bound: beyond this, the oldest entries are dropped (and counted). */
  maxQueue?: number;
  /** While the database is unavailable, how often to try again. */
  retryMs?: number;
  log?: (message: string) => void;
}

export interface DrainReport {
  written: number;
  dropped: number;
  /** Entries and "last used" updates still unwritten when the deadline came (the database was not answering). */
  remaining: number;
}

export interface AccessLogWriter {
  /** Queues one entry (or a promise of one, while its bodies are read); never throws, never waits. */
  record(entry: NewAccessLog | Promise<NewAccessLog | null>, touch?: Touch): void;
  /** Writes what is queued now; resolves when done, or when the database turned out to be unavailable. */
  flush(): Promise<void>;
  /** For shutdown: waits for entries still being assembled, then flushes until nothing is left or `deadline` (epoch ms). */
  drain(deadline: number): Promise<DrainReport>;
  stats(): { queued: number; pending: number; touches: number; written: number; dropped: number };
}

/** PostgreSQL's integer columns are 32-bit. */
const MAX_INT = 2 ** 31 - 1;

/**
 * An entry as PostgreSQL can store it, whatever the request carried: U+0000 is removed from every text field (the
 * path, user agent and bodies come straight from the client, and `text` refuses it), lone surrogates become U+FFFD
 * (the drivers would do so silently anyway), and integers are clamped to the column's range.
 */
export function storable(entry: NewAccessLog): NewAccessLog {
  const out: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(entry)) {
    if (typeof value === "string") out[name] = value.replaceAll("\u0000", "").toWellFormed();
    else if (typeof value === "number") out[name] = Number.isFinite(value) ? Math.max(-MAX_INT, Math.min(MAX_INT, Math.round(value))) : 0;
    else out[name] = value;
  }
  return out as NewAccessLog;
}

/** Every column but the generated id, by its property name and its SQL name. */
const LOG_COLUMNS = Object.entries(getTableColumns(accessLogs))
  .filter(([property]) => property !== "id")
  .map(([property, column]) => ({ property: property as keyof NewAccessLog, name: column.name }));
const LOG_COLUMN_LIST = sql.raw(LOG_COLUMNS.map((c) => `"${c.name}"`).join(", "));

/**
 * Writes a batch and adds it to the hourly counts in one statement. The rows go as one JSON parameter that
 * PostgreSQL unpacks itself (a hundred rows as separate parameters cost twice as much to build and send as the insert
 * itself, and the writer runs in the same process as the requests), so the statement's text never changes: the
 * embedded database parses and plans it once, where a transaction's own statements were planned on every batch.
 */
async function writeBatch(db: Db, rows: NewAccessLog[]) {
  const records = rows.map((row) => Object.fromEntries(LOG_COLUMNS.map((c) => [c.name, row[c.property] ?? null])));
  const logged = sql`logged`;
  await db.execute(sql`
    with ${logged} as (
      insert into access_logs (${LOG_COLUMN_LIST})
      select ${LOG_COLUMN_LIST} from json_populate_recordset(null::access_logs, ${JSON.stringify(records)}::json)
      returning organization_id, created_at, api_key_id, credential_kind, credential_id, access_code_prefix, status)
    ${addToRollups(logged)}`);
}

/**
 * The access log is written in batches, off the request's path. One bad row never blocks the others: a batch the
 * database refuses for its data is written again row by row, and the rows it still refuses are dropped and
 * counted. Only an unavailable database makes the writer keep entries and try again, and "last used" updates are
 * kept until they are written.
 */
export function createAccessLogWriter(options: WriterOptions): AccessLogWriter {
  const {
    // On the embedded database a batch holds the process's one thread while it is written (≈ 45 µs a row then, ≈ 30
    // since the log has no per-row foreign key): every 250 ms (≈ 300 rows at full load) made the requests arriving
    // meanwhile wait ≈ 15 ms and set the API's p99. Rows cost about the same in batches of 150 as of 250, and more
    // below 100.
    flushMs = 100,
    // Under load, batches are cut by time rather than by size, and the writer shares the process with the requests
    // it logs.
    maxBatch = 500,
    touchMs = 5_000,
    maxQueue = 50_000,
    retryMs = 1_000,
    log = (message: string) => console.error(`[keyward] access log: ${message}`),
  } = options;

  const queue: NewAccessLog[] = [];
  const touches = { codes: new Map<string, Date>(), keys: new Map<string, Date>() };
  const lastTouched = new Map<string, number>();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let flushing: Promise<void> | null = null;
  let pending = 0;
  let pendingSettled: (() => void)[] = [];
  let written = 0;
  let dropped = 0;
  let overflowed = 0;
  let unavailableSince: number | null = null;

  function schedule(delay: number) {
    timer ??= setTimeout(() => {
      timer = null;
      void flush();
    }, delay);
  }

  function enqueue(entry: NewAccessLog, touch: Touch) {
    if (queue.length >= maxQueue) {
      queue.shift();
      dropped++;
      if (++overflowed % 1_000 === 1) log(`the queue is full (${maxQueue}); dropped ${overflowed} of the oldest entries so far.`);
    }
    const at = entry.createdAt instanceof Date ? entry.createdAt : new Date();
    // The time is fixed here, not by the column's default: the row and its hourly count must agree on the hour.
    queue.push(storable({ ...entry, createdAt: at }));
    for (const [map, id, tag] of [
      [touches.codes, touch.accessCodeId, "c"],
      [touches.keys, touch.apiKeyId, "k"],
    ] as const) {
      if (!id) continue;
      const last = lastTouched.get(tag + id) ?? 0;
      if (at.getTime() - last < touchMs) continue;
      lastTouched.set(tag + id, at.getTime());
      const queued = map.get(id);
      if (!queued || queued < at) map.set(id, at);
    }
    if (unavailableSince !== null) return; // the retry timer is set
    if (queue.length >= maxBatch) void flush();
    else schedule(flushMs);
  }

  function record(entry: NewAccessLog | Promise<NewAccessLog | null>, touch: Touch = {}) {
    if (!(entry instanceof Promise)) {
      enqueue(entry, touch);
      return;
    }
    pending++;
    entry
      .then((ready) => ready && enqueue(ready, touch))
      .catch((error: unknown) => log(`an entry could not be assembled: ${error instanceof Error ? error.message : error}`))
      .finally(() => {
        pending--;
        if (pending === 0) {
          for (const settle of pendingSettled) settle();
          pendingSettled = [];
        }
      });
  }

  type Outcome = "done" | "unavailable";

  /**
   * Writes `rows` and adds them to the hourly counts together; a refusal for their data is retried row by row and
   * only the refused rows are dropped (and not counted). Returns the rows left unwritten because the database became
   * unavailable (none when done).
   */
  async function insert(db: Db, rows: NewAccessLog[]): Promise<NewAccessLog[]> {
    try {
      await writeBatch(db, rows);
      written += rows.length;
      return [];
    } catch (error) {
      if (classifyDatabaseError(error) === "unavailable") return rows;
      if (rows.length === 1) {
        dropped++;
        const reason = pgErrorCode(error) ?? (error instanceof Error ? error.message : "error");
        log(`dropped an entry the database refused (${reason}); ${dropped} dropped so far.`);
        return [];
      }
    }
    for (let i = 0; i < rows.length; i++) {
      if ((await insert(db, rows.slice(i, i + 1))).length > 0) return rows.slice(i);
    }
    return [];
  }

  /** Sets "last used" of every queued credential; an update is forgotten only once written (or refused for its data). */
  async function touch(db: Db): Promise<Outcome> {
    for (const [map, table] of [
      [touches.codes, accessCodes],
      [touches.keys, apiKeys],
    ] as const) {
      if (map.size === 0) continue;
      const batch = [...map];
      // Each credential its own time (kept updates may span a long outage); greatest(): a late batch never moves
      // "last used" backwards.
      const values = sql.join(
        batch.map(([id, when]) => sql`(${id}::uuid, ${when.toISOString()}::timestamptz)`),
        sql`, `,
      );
      try {
        await db.execute(
          sql`update ${table} set last_used_at = greatest(${table.lastUsedAt}, v.at) from (values ${values}) as v(id, at) where ${table.id} = v.id`,
        );
      } catch (error) {
        if (classifyDatabaseError(error) === "unavailable") return "unavailable";
        log(`dropped ${batch.length} "last used" updates the database refused (${pgErrorCode(error) ?? "error"}).`);
      }
      // Only what was written: a use recorded meanwhile stays for the next batch.
      for (const [id, when] of batch) if (map.get(id) === when) map.delete(id);
    }
    return "done";
  }

  async function writeAll(): Promise<Outcome> {
    let db: Db;
    try {
      db = await options.getDb();
    } catch (error) {
      if (classifyDatabaseError(error) === "unavailable") return "unavailable";
      throw error;
    }
    while (queue.length > 0) {
      const unwritten = await insert(db, queue.splice(0, maxBatch));
      if (unwritten.length > 0) {
        queue.unshift(...unwritten);
        return "unavailable";
      }
    }
    return touch(db);
  }

  async function flush(): Promise<void> {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    while (flushing) await flushing;
    if (queue.length === 0 && touches.codes.size === 0 && touches.keys.size === 0) return;
    flushing = writeAll()
      .catch((error: unknown): Outcome => {
        log(`could not be written: ${error instanceof Error ? error.message : error}`);
        return "unavailable";
      })
      .then((outcome) => {
        if (outcome === "unavailable") {
          if (unavailableSince === null) {
            unavailableSince = Date.now();
            log(`the database is not answering; keeping ${queue.length} entries and retrying every ${retryMs} ms.`);
          }
          schedule(retryMs);
        } else if (unavailableSince !== null) {
          log(`the database answers again after ${Math.round((Date.now() - unavailableSince) / 1000)} s; the kept entries are written.`);
          unavailableSince = null;
        }
      })
      .finally(() => {
        flushing = null;
      });
    await flushing;
    if (unavailableSince === null && queue.length > 0) schedule(flushMs);
  }

  const left = () => queue.length + touches.codes.size + touches.keys.size;

  async function drain(deadline: number): Promise<DrainReport> {
    const before = { written, dropped };
    if (pending > 0) {
      await Promise.race([
        new Promise<void>((resolve) => pendingSettled.push(resolve)),
        new Promise((resolve) => setTimeout(resolve, Math.max(0, deadline - Date.now()))),
      ]);
    }
    while (true) {
      await flush();
      if ((left() === 0 && pending === 0) || Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, Math.min(retryMs, Math.max(0, deadline - Date.now()))));
    }
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    return { written: written - before.written, dropped: dropped - before.dropped, remaining: left() + pending };
  }

  return {
    record,
    flush,
    drain,
    stats: () => ({ queued: queue.length, pending, touches: touches.codes.size + touches.keys.size, written, dropped }),
  };
}

// On globalThis: Next may load this module more than once (route bundles), but there must be one queue per process.
const holder = globalThis as unknown as { __keywardAccessLogWriter?: AccessLogWriter };
const writer = (holder.__keywardAccessLogWriter ??= createAccessLogWriter({ getDb }));

/** Queues one access-log entry (and the "last used" of its credential) in this process's writer. */
export const recordAccess: AccessLogWriter["record"] = (entry, touch) => writer.record(entry, touch);
/** Writes everything this process has queued so far. */
export const flushAccessLog = () => writer.flush();
/** Shutdown: everything queued and being assembled is written before `deadline`, unless the database is down. */
export const drainAccessLog = (deadline: number) => writer.drain(deadline);
