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
