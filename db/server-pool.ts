import postgres from "postgres";
import { isBrokenConnectionError, isLostConnectionError } from "./broken-connection";
import { DATABASE_TIMEOUTS } from "./timeouts";

/** Thrown when no pooled connection frees up within the bounded wait; classified as "database unavailable". */
export class PoolTimeoutError extends Error {
  readonly code = "DB_POOL_TIMEOUT";
  constructor(waitedMs: number) {
    super(`No database connection became free within ${waitedMs} ms.`);
    this.name = "PoolTimeoutError";
  }
}

/** The postgres.js options of every server connection of the app: the bounds of db/timeouts.ts. */
export function serverOptions(overrides: postgres.Options<Record<string, postgres.PostgresType>> = {}) {
  return {
    max: DATABASE_TIMEOUTS.poolSize,
    onnotice: () => {},
    connect_timeout: DATABASE_TIMEOUTS.connectSeconds,
    // Exponential from 50 ms, capped: once the server is back, every connection is retried within the cap.
    backoff: (attempt: number) => Math.min(0.05 * 2 ** attempt, DATABASE_TIMEOUTS.maxReconnectDelayMs / 1000),
    // Sent in the startup packet, so PostgreSQL applies them to every session of the pool, reconnections included.
    connection: {
      application_name: "keyward",
      statement_timeout: DATABASE_TIMEOUTS.statementMs,
      idle_in_transaction_session_timeout: DATABASE_TIMEOUTS.idleInTransactionMs,
    },
    ...overrides,
  } satisfies postgres.Options<Record<string, postgres.PostgresType>>;
}

type Release = () => void;

/** A counting semaphore whose waits give up after `timeoutMs`. */
function permits(count: number, timeoutMs: number) {
  let free = count;
  const waiting: { grant: (release: Release) => void }[] = [];
  const release: Release = () => {
    const next = waiting.shift();
    if (next) next.grant(once(release));
    else free++;
  };
  return {
    acquire(): Promise<Release> {
      if (free > 0) {
        free--;
        return Promise.resolve(once(release));
      }
      return new Promise<Release>((resolve, reject) => {
        const entry = {
          grant: (granted: Release) => {
            clearTimeout(timer);
            resolve(granted);
          },
        };
        const timer = setTimeout(() => {
          waiting.splice(waiting.indexOf(entry), 1);
          reject(new PoolTimeoutError(timeoutMs));
        }, timeoutMs);
        waiting.push(entry);
      });
    },
  };
}

function once(release: Release): Release {
  let done = false;
  return () => {
    if (done) return;
    done = true;
    release();
  };
}

export interface ServerPool {
  /**
   * What drizzle is given in place of postgres.js's `sql`: it uses `options`, `unsafe()` and `begin()` only, and
   * each of those goes to the pool of the moment, after the bounded wait for a connection.
   */
  client: postgres.Sql;
  /** Replaces the pool: new connections for new queries; the old pool finishes what it runs, then closes. */
  recycle(reason: string): void;
  /** How many times the pool was replaced. */
  readonly generation: number;
  end(): Promise<void>;
}

/**
 * A postgres.js pool that fails fast and heals. Queries wait at most `poolWaitMs` for a connection (postgres.js
 * itself would queue them without limit), and the whole pool is replaced when postgres.js reports its
 * broken-connection failure, whether it reaches a query or escapes as an uncaught exception.
 */
export function createServerPool(
  url: string,
  {
    options = serverOptions(),
    poolWaitMs = DATABASE_TIMEOUTS.poolWaitMs,
    log = (message) => console.error(`[keyward] ${message}`),
  }: {
    options?: postgres.Options<Record<string, postgres.PostgresType>>;
    poolWaitMs?: number;
    log?: (message: string) => void;
  } = {},
): ServerPool {
  let current = postgres(url, options);
  let generation = 0;
  let ended = false;
  const gate = permits(options.max ?? DATABASE_TIMEOUTS.poolSize, poolWaitMs);

  function recycle(reason: string) {
    if (ended) return;
    const old = current;
    current = postgres(url, options);
    // drizzle installs its own parsers and serializers on the client it is given: carry them over.
    Object.assign(current.options.parsers, old.options.parsers);
    Object.assign(current.options.serializers, old.options.serializers);
    generation++;
    log(`Replaced the database connection pool (${reason}).`);
    void old.end({ timeout: DATABASE_TIMEOUTS.statementMs / 1000 }).catch(() => {});
  }

  /**
   * Replaces the pool when one of its connections broke or was lost under a query (db/broken-connection.ts). Only a
   * failure of the current pool counts: when a stopping server ends every session at once, the first failure replaces
   * the pool and the others came from the pool already retired.
   */
  function watch<T>(pool: postgres.Sql, promise: Promise<T>): Promise<T> {
    return promise.catch((error: unknown) => {
      if (isBrokenConnectionError(error)) recycle("a connection broke mid-write");
      else if (pool === current && isLostConnectionError(error)) recycle("a connection was lost under a query");
      throw error;
    });
  }

  async function guarded<T>(run: (sql: postgres.Sql) => Promise<T>): Promise<T> {
    const release = await gate.acquire();
    try {
      const pool = current;
      return await watch(pool, run(pool));
    } finally {
      release();
    }
  }

  /** postgres.js queries run when awaited; drizzle may ask for `.values()` (rows as arrays) first. */
  function unsafe(query: string, params?: unknown[], queryOptions?: postgres.UnsafeQueryOptions) {
    let promise: Promise<unknown> | undefined;
    const run = (raw: boolean) =>
      (promise ??= guarded((sql) => {
        const pending = sql.unsafe(query, params as postgres.ParameterOrJSON<never>[], queryOptions);
        return raw ? pending.values() : pending;
      }));
    return {
      values: () => run(true),
      then: (onFulfilled?: (value: unknown) => unknown, onRejected?: (reason: unknown) => unknown) =>
        run(false).then(onFulfilled, onRejected),
    };
  }

  const client = {
    get options() {
      return current.options;
    },
    unsafe,
    begin: (...args: unknown[]) => guarded((sql) => (sql.begin as (...a: unknown[]) => Promise<unknown>)(...args)),
  } as unknown as postgres.Sql;

  const onUncaught = (error: Error) => {
    if (isBrokenConnectionError(error)) recycle("a connection broke mid-write");
  };
  // The monitor sees the exception without changing what happens next: Next.js logs it and keeps serving.
  process.on("uncaughtExceptionMonitor", onUncaught);

  return {
    client,
    recycle,
    get generation() {
      return generation;
    },
    async end() {
      ended = true;
      process.off("uncaughtExceptionMonitor", onUncaught);
      await current.end({ timeout: 5 });
    },
  };
}
