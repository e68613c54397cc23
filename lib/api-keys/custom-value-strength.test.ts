import { describe, expect, it } from "vitest";
import { customKeyValueProblem } from "@/lib/validators/api-keys";
import { customValueStrengthProblem, estimatedBits, MIN_CUSTOM_VALUE_BITS } from "./custom-value-strength";

describe("the strength of a custom access-code value", () => {
  // Each passes the length and pattern checks, and each is a guessable phrase.
  it.each([
    "CorrectHorseBatteryStapleCorrectHorse!!x",
    "Summer2024!Summer2025!Autumn2026?Winter1",
    "the-quick-brown-fox-jumps-over-the-lazy-dog",
    "MyCompanyName-ProductionApiKey-2024-July!",
    "acme-construction-billing-integration-key",
    "P@ssw0rd-C0rr3ctH0rs3-B@tt3ry-St@pl3-2024!",
  ])("refuses the guessable phrase %s", (value) => {
    expect(customKeyValueProblem(value)).toBeNull();
    expect(estimatedBits(value)).toBeLessThan(MIN_CUSTOM_VALUE_BITS);
    expect(customValueStrengthProblem(value)).toMatch(/too easy to guess: it is worth about \d+ bits, and a custom key value needs 128/);
  });

  it.each([
    "P8dK2mQx7Lr4Vt9Wn3Yb6Hc1Jf5Gs0Zu8Ae2Mi7Ko",
    "4f1c9a7e2b8d0c6f3a5e9b1d7c2f8a4e6b0d3c9f",
    "Zq8-Lr3#Vx1!Mn7Kp2Wt9Yb4Hd6Jf0Gs5Cu-Qe4Tz",
  ])("accepts the random value %s", (value) => {
    expect(customValueStrengthProblem(value)).toBeNull();
  });
});
