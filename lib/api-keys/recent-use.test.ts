import { describe, expect, it } from "vitest";
import { RECENT_USE_MS, usedRecently } from "./recent-use";

describe("a code used recently", () => {
  const now = Date.parse("2026-12-02T12:00:00Z");

  it("is one used in the last 24 hours, a minute ago included", () => {
    expect(usedRecently(new Date(now - 60_000).toISOString(), now)).toBe(true);
    expect(usedRecently(new Date(now - RECENT_USE_MS + 1).toISOString(), now)).toBe(true);
  });

  it("is not one never used, or last used 24 hours ago or more", () => {
    expect(usedRecently(null, now)).toBe(false);
    expect(usedRecently(new Date(now - RECENT_USE_MS).toISOString(), now)).toBe(false);
    expect(usedRecently(new Date(now - 3 * RECENT_USE_MS).toISOString(), now)).toBe(false);
  });
});
