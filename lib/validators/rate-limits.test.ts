import { describe, expect, it } from "vitest";
import { rateLimitFormValue, rateLimitSchema } from "./rate-limits";

describe("a rate limit", () => {
  it.each([
    ["the API's form", { requests: 100, per: "minute" }, { requests: 100, per: "minute" }],
    ["the console's text", { requests: " 3 ", per: "hour" }, { requests: 3, per: "hour" }],
    ["null, for none", null, null],
    ["an empty Requests field, for none", { requests: "", per: "second" }, null],
    ["the largest", { requests: 1_000_000, per: "second" }, { requests: 1_000_000, per: "second" }],
  ])("accepts %s", (_, input, output) => {
    expect(rateLimitSchema.parse(input)).toEqual(output);
  });

  it.each([
    ["zero", { requests: 0, per: "minute" }],
    ["a fraction", { requests: "2.5", per: "minute" }],
    ["a negative number", { requests: "-1", per: "minute" }],
    ["more than a million", { requests: 1_000_001, per: "minute" }],
    ["words", { requests: "many", per: "minute" }],
  ])("refuses %s on Requests, saying what to enter", (_, input) => {
    const result = rateLimitSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ["requests"], message: expect.stringContaining("Enter a whole number of requests from 1 to 1,000,000") }),
    ]);
  });

  it.each([
    ["an unknown unit", { requests: 5, per: "day" }],
    ["a bare number", 5],
    ["no unit", { requests: 5 }],
  ])("refuses %s", (_, input) => {
    expect(rateLimitSchema.safeParse(input).success).toBe(false);
  });

  it("goes back into the console's fields as text, empty when off", () => {
    expect(rateLimitFormValue({ requests: 3, per: "hour" })).toEqual({ requests: "3", per: "hour" });
    expect(rateLimitFormValue(null)).toEqual({ requests: "", per: "minute" });
  });
});
