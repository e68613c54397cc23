import { describe, expect, it } from "vitest";
import { DELIVERY_STATE_LABELS, deliveryState, describeDeliveryState } from "./delivery-states";

describe("delivery states", () => {
  it("calls a pending delivery that was attempted Retrying, in the table as in the log", () => {
    expect(deliveryState({ status: "pending", attempts: 0 })).toBe("pending");
    expect(deliveryState({ status: "pending", attempts: 2 })).toBe("retrying");
    expect(describeDeliveryState(deliveryState({ status: "pending", attempts: 1 }), 500)).toBe("Retrying (500)");
  });

  it("names the stored statuses with the public vocabulary", () => {
    expect(deliveryState({ status: "succeeded", attempts: 1 })).toBe("delivered");
    expect(deliveryState({ status: "failed", attempts: 4 })).toBe("failed");
    expect(deliveryState({ status: "skipped", attempts: 0 })).toBe("skipped");
    expect(describeDeliveryState("delivered", 204)).toBe("Delivered (204)");
    expect(describeDeliveryState("skipped", null)).toBe(DELIVERY_STATE_LABELS.skipped);
  });
});
