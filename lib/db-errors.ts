import { isBrokenConnectionError } from "@/db/broken-connection";
import { fail, type Failure } from "@/lib/result";

/**
 * What a database error means for the request that met it:
 * - `unavailable`: the database cannot answer now (down, restarting, unreachable, overloaded, timed out); nothing
 *   was written, and the same request may succeed shortly → 503 with Retry-After.
 * - `conflict`: a unique constraint refused the write, typically a race between two requests → 409 naming the field.
 * - `unstorable`: PostgreSQL refused a value (U+0000, a broken surrogate in JSON, a date beyond its range); the
 *   validators are meant to refuse these first, this is the safety net → 400.
 * - `null`: anything else is a bug → 500.
 */
export type DatabaseErrorKind = "unavailable" | "conflict" | "unstorable";

/** SQLSTATEs of a server that cannot serve now (PostgreSQL appendix A). */
const UNAVAILABLE_SQLSTATES = new Set([
  "57P01", // admin_shutdown: the server is stopping (pg_ctl stop, failover)
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now: starting up or in recovery
  "57014", // query_canceled: statement_timeout
  "53300", // too_many_connections
  "53100", // disk_full
  "53200", // out_of_memory
  "25006", // read_only_sql_transaction: connected to a standby during a failover
  "40001", // serialization_failure
  "40P01", // deadlock_detected
  "55P03", // lock_not_available
]);

/** Socket errors and postgres.js's own connection errors, and the bounded pool wait of db/server-pool.ts. */
const UNAVAILABLE_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "DB_POOL_TIMEOUT",
]);

/** The error and its causes: drizzle wraps the driver's error in `cause` on both drivers. */
function* chain(error: unknown): Generator<Record<string, unknown>> {
  const seen = new Set<unknown>();
  for (let e: unknown = error; e && typeof e === "object" && !seen.has(e); e = (e as { cause?: unknown }).cause) {
    seen.add(e);
    yield e as Record<string, unknown>;
  }
}

/** The PostgreSQL error code (SQLSTATE) of a driver error. */
export function pgErrorCode(error: unknown): string | undefined {
  for (const e of chain(error)) {
    if (typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code)) return e.code;
  }
  return undefined;
}

/**
 * Why the database counts as unavailable for this error (the code of the socket, driver, pool or server, e.g.
 * `DB_POOL_TIMEOUT`, `CONNECT_TIMEOUT`, `57P01`), or null when it is not that kind of error. Safe to log: it names the
 * failure, never the query or its values.
 */
export function unavailableReason(error: unknown): string | null {
  for (const e of chain(error)) {
    const code = typeof e.code === "string" ? e.code : undefined;
    if (code && (UNAVAILABLE_CODES.has(code) || UNAVAILABLE_SQLSTATES.has(code) || code.startsWith("08"))) return code;
    if (isBrokenConnectionError(e)) return "BROKEN_CONNECTION";
    // PGlite after close() (a request that arrives while the process shuts down).
    if (e instanceof Error && e.message === "PGlite is closed") return "PGLITE_CLOSED";
  }
  return null;
}

export function classifyDatabaseError(error: unknown): DatabaseErrorKind | null {
  if (unavailableReason(error)) return "unavailable";
  const sqlstate = pgErrorCode(error);
  if (sqlstate === "23505") return "conflict";
  // Class 22 (data exception) and 54000 (a value too long for an index entry): the value, not the server.
  if (sqlstate?.startsWith("22") || sqlstate === "54000") return "unstorable";
  return null;
}

export const isDatabaseUnavailable = (error: unknown) => classifyDatabaseError(error) === "unavailable";

export const isUniqueViolation = (error: unknown) => pgErrorCode(error) === "23505";

/** The name of the unique constraint or index a 23505 names: `constraint_name` (postgres.js), `constraint` (PGlite). */
export function violatedConstraint(error: unknown): string | undefined {
  for (const e of chain(error)) {
    const name = e.constraint_name ?? e.constraint;
    if (typeof name === "string") return name;
  }
  return undefined;
}

/**
 * Unique constraints a request can race into after its own check passed, with the field at fault and the
 * sentence the service says for the same case. Hashes of generated secrets and public ids are left out: their
 * collisions are not a person's doing.
 */
const UNIQUE_FIELDS: Record<string, { field?: string; message: string }> = {
  api_keys_organization_name_idx: { field: "name", message: "An API key with this name already exists in your organisation." },
  api_keys_organization_linked_idx: { field: "sourceKeyId", message: "Your organisation already links this key." },
  access_codes_secret_hash_unique: { field: "customValue", message: "This value is already in use; choose another." },
  company_credentials_one_active_per_org: {
    message: "Your company already has API credentials: someone generated them a moment ago.",
  },
  personal_api_keys_one_live_per_user_idx: {
    message: "You already have a personal API key: it was created a moment ago. Reload the page to see it.",
  },
  users_email_unique: { field: "email", message: "Someone already uses this e-mail address." },
  organizations_slug_unique: { field: "slug", message: "This organisation slug is taken." },
};

/** A unique violation as the service's expected failure (409 on the API, a field error in the console). */
export function conflictFor(error: unknown): Failure | null {
  if (!isUniqueViolation(error)) return null;
  const known = UNIQUE_FIELDS[violatedConstraint(error) ?? ""];
  if (known) return fail("conflict", known.message, known.field);
  return fail("conflict", "This conflicts with a change made a moment ago. Reload and try again.");
}
