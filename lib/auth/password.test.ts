import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "./password";

describe("password hashing", () => {
  it("stores a salted scrypt hash that verifies the password and nothing else", async () => {
    const stored = await hashPassword("keyward-demo");
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[\w-]+\$[\w-]+$/);
    expect(stored).not.toContain("keyward-demo");
    expect(await verifyPassword("keyward-demo", stored)).toBe(true);
    expect(await verifyPassword("keyward-demo ", stored)).toBe(false);
    expect(await hashPassword("keyward-demo")).not.toBe(stored);
  });

  it("refuses a malformed stored hash instead of throwing", async () => {
    expect(await verifyPassword("x", "plain-text")).toBe(false);
  });
});
