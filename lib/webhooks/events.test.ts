import { describe, expect, it } from "vitest";
import { rolesGranting } from "./events";

describe("who receives webhook events", () => {
  it("knows which roles see which entity", () => {
    expect(rolesGranting("api_keys:read")).toEqual(["administrator"]);
    expect(rolesGranting("people:read")).toEqual(["administrator", "office_lead", "member"]);
  });
});
