const BROKEN_WRITE = "Cannot read properties of null (reading 'write')";

/**
 * postgres.js 3.4.9's broken-connection failure: a write scheduled with setImmediate runs after the socket closed
 * and throws from `nextWrite` in its connection.js (upstream issues 1154 and 1208). It leaves that connection
 * unable to send anything again; docs/decisions/0009-database-faults.md says what Keyward does about it.
 * Free of imports, so that error classification can use it without loading the driver.
 */
export function isBrokenConnectionError(error: unknown): boolean {
  return (
    error instanceof TypeError &&
    error.message === BROKEN_WRITE &&
    /nextWrite|postgres[\\/](?:cjs[\\/])?src[\\/]connection\.js/.test(error.stack ?? "")
  );
}

/**
 * Codes of a session that ended under a query: the server stopped or reset it, or the socket timed out. postgres.js
 * 3.4.9 defers a write with setImmediate, and `closed()` cancels that immediate without forgetting it, so when the
 * socket closes with a write queued, the connection never schedules a write again: each later connect of it sends no
 * startup message and waits for `connect_timeout`. Nothing is thrown, so only the loss itself shows it.
 */
const LOST_CONNECTION_CODES = new Set([
  "CONNECTION_CLOSED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
]);

/** A connection was lost under a query (the error, or the driver error drizzle wraps in `cause`). */
export function isLostConnectionError(error: unknown): boolean {
  for (let e = error, depth = 0; e && typeof e === "object" && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && (LOST_CONNECTION_CODES.has(code) || code.startsWith("08"))) return true;
  }
  return false;
}
