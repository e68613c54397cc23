import { describe, expect, it } from "vitest";
import { pendingLabelFor } from "./pending-label";

describe("pendingLabelFor", () => {
  it.each([
    ["Generate API credentials", "Generating…"],
    ["Delete key", "Deleting…"],
    ["Roll client secret", "Rolling…"],
    ["Stop previous secret now", "Stopping…"],
    ["Clear API Key", "Clearing…"],
    ["Turn off API access", "Turning…"],
    ["Archive key", "Archiving…"],
  ])("turns %s into %s", (label, pending) => {
    expect(pendingLabelFor(label)).toBe(pending);
  });
});
