import { describe, expect, it } from "vitest";
import { mistyped } from "./mistyped";

describe("mistyped", () => {
  it("changes only the last character, also of a secret that already ends in the replacement", () => {
    for (const secret of ["kwcs_abc0", "kwcs_abc1", "kwcs_abcx"]) {
      const typo = mistyped(secret);
      expect(typo).not.toBe(secret);
      expect(typo.slice(0, -1)).toBe(secret.slice(0, -1));
    }
  });
});
