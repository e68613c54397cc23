import { describe, expect, it } from "vitest";
import { createUnavailableLog } from "./unavailable-log";

const coded = (code: string) => Object.assign(new Error(code), { code });
const wrapped = (cause: unknown) => Object.assign(new Error("Failed query: select secret from t where x = $1"), { cause });

describe("createUnavailableLog", () => {
  it("names the reason once per interval and counts the repeats in the next line", () => {
    const lines: string[] = [];
    let clock = 0;
    const log = createUnavailableLog({ intervalMs: 1_000, log: (m) => lines.push(m), now: () => clock });
    log("API request", wrapped(coded("DB_POOL_TIMEOUT")));
    log("API request", wrapped(coded("DB_POOL_TIMEOUT")));
    log("Saving a key", coded("DB_POOL_TIMEOUT"));
    log("API request", coded("CONNECT_TIMEOUT"));
    clock = 1_000;
    log("API request", coded("DB_POOL_TIMEOUT"));
    expect(lines).toEqual([
      "API request: the database is unavailable (DB_POOL_TIMEOUT).",
      "API request: the database is unavailable (CONNECT_TIMEOUT).",
      "API request: the database is unavailable (DB_POOL_TIMEOUT) (2 more since the last line).",
    ]);
  });

  it("never writes the failed query or its values", () => {
    const lines: string[] = [];
    createUnavailableLog({ log: (m) => lines.push(m) })("API request", wrapped(coded("57P01")));
    expect(lines.join("\n")).not.toMatch(/select|secret/);
    expect(lines).toEqual(["API request: the database is unavailable (57P01)."]);
  });
});
