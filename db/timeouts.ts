/**
 * How long a request may wait on PostgreSQL. Without these bounds postgres.js retries a refused connection with
 * a back-off of up to 20 s and waits for a busy pool without limit, so an outage made requests hang instead of
 * failing. Together they bound the worst case of one query to POOL_WAIT_MS + CONNECT_TIMEOUT_S + STATEMENT_TIMEOUT_MS
 * (20 s); a request that gives up answers 503 with Retry-After. README ("A PostgreSQL server") states them.
 */
export const DATABASE_TIMEOUTS = {
  /** Opening one connection (TCP, TLS, authentication). */
  connectSeconds: 5,
  /** Waiting for a free connection of the pool when all are busy. */
  poolWaitMs: 5_000,
  /** One statement on the server: `statement_timeout`, set for every session of the pool. */
  statementMs: 10_000,
  /**
   * A transaction left open without a statement (a stalled or frozen instance): PostgreSQL ends the session so
   * the row locks it holds do not block the other instances.
   */
  idleInTransactionMs: 15_000,
  /** The longest pause before reconnecting after a failed connection (postgres.js grows it up to 20 s). */
  maxReconnectDelayMs: 500,
  /** Connections per instance. */
  poolSize: 10,
} as const;

/** What a 503 asks clients to wait before retrying, in seconds. */
export const RETRY_AFTER_SECONDS = 5;
