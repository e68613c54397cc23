import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localInputToInstant, localInputValue, relativeTimeText } from "./local-time";

const zone = process.env.TZ;
beforeAll(() => {
  process.env.TZ = "America/New_York";
});
afterAll(() => {
  process.env.TZ = zone;
});

describe("datetime-local values read in the browser's time zone", () => {
  it("become an ISO instant with the zone's offset, which the server reads as the same moment", () => {
    const winter = localInputToInstant("2026-12-02T10:05");
    expect(winter).toBe("2026-12-02T10:05:00-05:00");
    expect(new Date(winter).toISOString()).toBe("2026-12-02T15:05:00.000Z");
    expect(localInputToInstant("2026-07-01T23:30:15")).toBe("2026-07-01T23:30:15-04:00");
  });

  it("come back as the same local value, and give nothing for what is not a date", () => {
    expect(localInputValue(new Date("2026-12-02T15:05:00Z"))).toBe("2026-12-02T10:05");
    expect(localInputToInstant("")).toBe("");
    expect(localInputToInstant("yesterday")).toBe("");
    expect(localInputValue(new Date("nope"))).toBe("");
  });
});

describe("how long ago, in words", () => {
  const at = Date.parse("2026-12-02T12:00:00Z");
  it.each([
    ["2026-12-02T11:59:30Z", "just now"],
    ["2026-12-02T11:57:00Z", "3 min. ago"],
    ["2026-12-02T09:00:00Z", "3 hr. ago"],
    ["2026-11-30T12:00:00Z", "2 days ago"],
  ])("%s is %s", (when, text) => {
    expect(relativeTimeText(new Date(when), at, "en-US")).toBe(text);
  });
});
