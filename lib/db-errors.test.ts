import { describe, expect, it } from "vitest";
import { classifyDatabaseError, conflictFor, unavailableReason } from "./db-errors";

/** How drizzle reports a driver error: its own error, the driver's in `cause`. */
const wrapped = (cause: unknown) => Object.assign(new Error("Failed query: select 1"), { cause });
const coded = (code: string, extra: Record<string, unknown> = {}) => Object.assign(new Error(code), { code, ...extra });

describe("classifyDatabaseError", () => {
  it.each([
    ["connection refused", coded("ECONNREFUSED")],
    ["connection reset", coded("ECONNRESET")],
    ["a socket timeout", coded("ETIMEDOUT")],
    ["postgres.js's connect timeout", coded("CONNECT_TIMEOUT")],
    ["a closed connection", coded("CONNECTION_CLOSED")],
    ["an ended pool", coded("CONNECTION_ENDED")],
    ["the bounded pool wait", coded("DB_POOL_TIMEOUT")],
    ["admin shutdown (57P01)", coded("57P01")],
    ["a server starting up (57P03)", coded("57P03")],
    ["statement_timeout (57014)", coded("57014")],
    ["too many connections (53300)", coded("53300")],
    ["a connection exception (08006)", coded("08006")],
  ])("%s is unavailable, wrapped or not", (_, error) => {
    expect(classifyDatabaseError(error)).toBe("unavailable");
    expect(classifyDatabaseError(wrapped(error))).toBe("unavailable");
  });

  it("knows postgres.js's broken-connection TypeError by its message and where it was thrown", () => {
    const broken = new TypeError("Cannot read properties of null (reading 'write')");
    broken.stack = `TypeError: ${broken.message}\n    at Immediate.nextWrite (/app/node_modules/postgres/src/connection.js:255:22)`;
    expect(classifyDatabaseError(wrapped(broken))).toBe("unavailable");
    const elsewhere = new TypeError("Cannot read properties of null (reading 'write')");
    elsewhere.stack = `TypeError: ${elsewhere.message}\n    at render (/app/lib/page.ts:1:1)`;
    expect(classifyDatabaseError(elsewhere)).toBeNull();
  });

  it("tells conflicts, unstorable values and bugs apart", () => {
    expect(classifyDatabaseError(wrapped(coded("23505")))).toBe("conflict");
    expect(classifyDatabaseError(wrapped(coded("22021")))).toBe("unstorable");
    expect(classifyDatabaseError(wrapped(coded("22P05")))).toBe("unstorable");
    expect(classifyDatabaseError(wrapped(coded("42P01")))).toBeNull();
    expect(classifyDatabaseError(new Error("boom"))).toBeNull();
    expect(classifyDatabaseError(undefined)).toBeNull();
  });
});

describe("conflictFor", () => {
  it("names the field of a known constraint, from either driver's property", () => {
    expect(conflictFor(wrapped(coded("23505", { constraint_name: "api_keys_organization_name_idx" })))).toMatchObject({
      reason: "conflict",
      field: "name",
    });
    expect(conflictFor(wrapped(coded("23505", { constraint: "access_codes_secret_hash_unique" })))).toMatchObject({
      field: "customValue",
    });
  });

  it("still answers a conflict for an unknown constraint, and nothing for other errors", () => {
    expect(conflictFor(coded("23505", { constraint_name: "something_new" }))).toMatchObject({ reason: "conflict" });
    expect(conflictFor(coded("23505", { constraint_name: "something_new" }))?.field).toBeUndefined();
    expect(conflictFor(coded("57P01"))).toBeNull();
  });
});

describe("unavailableReason", () => {
  it("names the code that made the database unavailable, through drizzle's wrapper", () => {
    expect(unavailableReason(wrapped(coded("DB_POOL_TIMEOUT")))).toBe("DB_POOL_TIMEOUT");
    expect(unavailableReason(wrapped(coded("08006")))).toBe("08006");
    expect(unavailableReason(new Error("PGlite is closed"))).toBe("PGLITE_CLOSED");
  });

  it("is null for an error that is not about the database's availability", () => {
    expect(unavailableReason(wrapped(coded("23505")))).toBeNull();
    expect(unavailableReason(new Error("bug"))).toBeNull();
  });
});
