import { describe, expect, it } from "vitest";
import { effectivePolicies } from "@/lib/api-auth/resolvers/access-code";
import { createApiKeySchema, customKeyValueProblem, editApiKeySchema, editLinkedApiKeySchema } from "./api-keys";

describe("customKeyValueProblem", () => {
  it.each([
    ["short", /at least 40 characters; this one has 5/],
    ["a".repeat(40), /one character repeated/],
    ["abcdefghijklmnopqrstuvwxyzabcdefghijklmn", /sequence/],
    ["9876543210987654321098765432109876543210", /sequence/],
    ["abcXYZ12abcXYZ12abcXYZ12abcXYZ12abcXYZ12", /short pattern/],
    [`kwak_${"Zq8Lr3Vx1Mn7Kp2Wt9Yb4Hd6Jf0Gs5Cu1234567"}`, /Keyward prefix/],
    ["has a space in the middle of it, sadly ok", /printable/],
  ])("refuses %s", (value, message) => {
    expect(customKeyValueProblem(value)).toMatch(message);
  });

  it("accepts a long, varied value", () => {
    expect(customKeyValueProblem("Zq8-Lr3#Vx1!Mn7Kp2Wt9Yb4Hd6Jf0Gs5Cu-Qe4Tz")).toBeNull();
  });

  it("reports the rule on the customValue field", () => {
    const result = createApiKeySchema.safeParse({ name: "x", keyValue: "custom", customValue: "short" });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["customValue"]);
  });
});

describe("editLinkedApiKeySchema", () => {
  const details = { name: "Sync", description: "", tags: [], policies: [], logRequests: false, logBodies: false, actsAsUserId: null };

  it("keeps at least one policy on a linked key, which an own key may do without", () => {
    expect(editApiKeySchema.safeParse(details).success).toBe(true);
    const result = editLinkedApiKeySchema.safeParse(details);
    expect(result.error?.issues).toEqual([
      expect.objectContaining({ path: ["policies"], message: "Choose at least one policy: a linked key needs one." }),
    ]);
    expect(editLinkedApiKeySchema.safeParse({ ...details, policies: ["users:read"] }).success).toBe(true);
  });
});

describe("effectivePolicies", () => {
  it("drops write policies while the organisation disallows them", () => {
    expect(effectivePolicies(["users:read", "keys:write"], { allowWritePolicies: false, personPolicies: null })).toEqual([
      "users:read",
    ]);
  });

  it("intersects with the impersonated person's policies, native standing for all", () => {
    expect(
      effectivePolicies(["native"], { allowWritePolicies: true, personPolicies: ["webhooks:read", "webhooks:write"] }),
    ).toEqual(["webhooks:read", "webhooks:write"]);
    expect(effectivePolicies(["users:read"], { allowWritePolicies: true, personPolicies: ["webhooks:read"] })).toEqual([]);
  });
});
