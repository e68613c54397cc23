import { describe, expect, it } from "vitest";
import { csvLine } from "./csv";

describe("CSV export lines", () => {
  it("ends each record with CRLF and leaves plain fields alone", () => {
    expect(csvLine(["a", 1, null, undefined])).toBe("a,1,,\r\n");
  });

  it("quotes fields with commas, quotes and line breaks, doubling quotes", () => {
    expect(csvLine(['say "hi"', "a,b", "two\nlines"])).toBe('"say ""hi""","a,b","two\nlines"\r\n');
  });

  it.each(["=HYPERLINK(\"http://evil.test\")", "+1", "-2+3", "@SUM(A1)", "\tx"])(
    "neutralises the formula %j with a leading apostrophe",
    (formula) => {
      const line = csvLine([formula]);
      expect(line.replace(/^"/, "").startsWith("'")).toBe(true);
    },
  );

  it("quotes a neutralised formula that also holds quotes", () => {
    expect(csvLine(['=HYPERLINK("x")'])).toBe(`"'=HYPERLINK(""x"")"\r\n`);
  });
});
