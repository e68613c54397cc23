import { describe, expect, it } from "vitest";
import { AUDIT_ACTIONS, webhookEventOf, type AuditAction } from "@/lib/audit-catalogue";
import { permissionsFor } from "@/lib/auth/permissions";
import { WEBHOOK_ENTITIES } from "./constants";
import { actionsDelivering, entityRefusal, isOffered, operationsOf } from "./subscriptions";

describe("what a webhook can subscribe to", () => {
  it("offers exactly the pairs some catalogued change emits", () => {
    for (const entity of WEBHOOK_ENTITIES) {
      for (const operation of operationsOf(entity)) {
        expect(actionsDelivering(entity, operation).length, `${entity} ${operation}`).toBeGreaterThan(0);
      }
    }
    for (const action of Object.keys(AUDIT_ACTIONS) as AuditAction[]) {
      const event = webhookEventOf(action);
      if (event) expect(isOffered(event.entity, event.operation), action).toBe(true);
    }
  });

  it("stops offering User Create and User Delete, which nothing emits, and keeps CompanyCredentials Update", () => {
    expect(operationsOf("User")).toEqual(["Update"]);
    expect(isOffered("CompanyCredentials", "Update")).toBe(true);
  });

  it("refuses a Member the entities they cannot see, naming who can", () => {
    const member = permissionsFor(["member"]);
    expect(entityRefusal("ApiKey", member)).toBe("Only Administrators receive ApiKey events: you cannot see ApiKey changes.");
    expect(entityRefusal("AccessCode", member)).not.toBeNull();
    for (const entity of ["User", "CompanyCredentials", "PersonalApiKey", "Webhook"] as const) {
      expect(entityRefusal(entity, member), entity).toBeNull();
    }
    for (const entity of WEBHOOK_ENTITIES) expect(entityRefusal(entity, permissionsFor(["administrator"]))).toBeNull();
  });
});
