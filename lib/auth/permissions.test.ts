import { describe, expect, it } from "vitest";
import { PERMISSIONS, permissionsFor, ROLE_PERMISSIONS, roleGranting, type Permission } from "./permissions";
import { ROLES } from "./roles";

const EVERYONE: Permission[] = ["profile:write", "people:read", "personal_api_key:write", "webhooks:write"];
const ADMINISTRATION: Permission[] = [
  "administration:view",
  "people:write",
  "api_keys:read",
  "api_keys:write",
  "api_management:read",
  "api_management:write",
  "access_logs:read",
  "audit_log:read",
  "settings:write",
];

describe("role → permission table", () => {
  it("gives a Member their own profile, key and webhooks, and the People directory, nothing else", () => {
    expect(permissionsFor(["member"]).sort()).toEqual([...EVERYONE].sort());
  });

  it("lets an Office Lead alone manage the company credentials", () => {
    expect(permissionsFor(["office_lead"]).sort()).toEqual([...EVERYONE, "company_credentials:write"].sort());
    expect(permissionsFor(["administrator"])).not.toContain("company_credentials:write");
  });

  it("gives an Administrator everything else in administration", () => {
    expect(permissionsFor(["administrator"]).sort()).toEqual([...EVERYONE, ...ADMINISTRATION].sort());
  });

  it("unites the permissions of several roles", () => {
    expect(permissionsFor(["administrator", "office_lead"]).sort()).toEqual(
      [...EVERYONE, ...ADMINISTRATION, "company_credentials:write"].sort(),
    );
  });

  it("grants nothing without a role", () => {
    expect(permissionsFor([])).toEqual([]);
  });

  it("grants every permission of the catalogue through some role, and only catalogue permissions", () => {
    const granted = new Set(ROLES.flatMap((role) => ROLE_PERMISSIONS[role]));
    expect([...granted].sort()).toEqual([...PERMISSIONS].sort());
  });

  it("names the role to ask for a missing permission", () => {
    expect(roleGranting("company_credentials:write")).toBe("office_lead");
    expect(roleGranting("api_keys:write")).toBe("administrator");
    expect(roleGranting("people:read")).toBe("member");
  });
});
