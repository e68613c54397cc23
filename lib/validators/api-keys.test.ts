import { describe, expect, it } from "vitest";
import { effectivePolicies } from "@/lib/api-auth/resolvers/access-code";
import { createApiKeySchema, customKeyValueProblem, editApiKeySchema, editLinkedApiKeySchema, updateApiKeySchema } from "./api-keys";

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

describe("allowed IP addresses", () => {
  const parse = (allowedIps: unknown) => updateApiKeySchema.safeParse({ allowedIps });

  it("reads the Details form's lines and the API's array alike, without blanks or repeats", () => {
    expect(parse("203.0.113.7\r\n\n 198.51.100.0/24 \n2001:db8::/32\n203.0.113.7\n").data?.allowedIps).toEqual([
      "203.0.113.7",
      "198.51.100.0/24",
      "2001:db8::/32",
    ]);
    expect(parse(["::ffff:203.0.113.7", "10.0.0.0/8"]).data?.allowedIps).toEqual(["::ffff:203.0.113.7", "10.0.0.0/8"]);
    expect(parse("").data?.allowedIps).toEqual([]);
    expect(parse([]).data?.allowedIps).toEqual([]);
  });

  it.each([
    ["203.0.113.7\n10.0.0.300", 'Line 2, "10.0.0.300", is not an IPv4 or IPv6 address'],
    ["\n\n10.0.0.1/8", 'Line 3, "10.0.0.1/8", has bits set after its prefix'],
    [["203.0.113.7", ""], 'Entry 2, "", is not an IPv4 or IPv6 address'],
    [["2001:db8::/200"], 'Entry 1, "2001:db8::/200", has a prefix longer than 128 bits'],
    [42, "Send the allowed IP addresses as a list"],
  ])("names the bad line of %j", (value, message) => {
    const result = parse(value);
    expect(result.error?.issues).toEqual([expect.objectContaining({ path: ["allowedIps"], message: expect.stringContaining(message) })]);
  });
});
