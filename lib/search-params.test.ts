import { describe, expect, it } from "vitest";
import { firstValues } from "./search-params";

describe("firstValues", () => {
  it("keeps the first of a repeated parameter", () => {
    expect(firstValues({ role: ["member", "office-lead"], q: "max" })).toEqual({ role: "member", q: "max" });
  });

  it("drops control characters", () => {
    expect(firstValues({ q: "a\u0000b\u001fc\u007f" })).toEqual({ q: "abc" });
  });

  it("takes the first text when Next.js put one of Object's members in front of it (?constructor=)", () => {
    // What Next.js hands over for `?constructor=&toString=x`: the object it gathers into already has those members.
    expect(firstValues({ constructor: [Object, ""], toString: [Object.prototype.toString, "x"] })).toEqual({
      constructor: "",
      toString: "x",
    });
  });

  it("reads a parameter with no text value as absent", () => {
    expect(firstValues({ a: undefined, b: [] })).toEqual({ a: undefined, b: undefined });
  });
});
