import { describe, expect, it } from "vitest";
import { WEBHOOK_ENTITIES, WEBHOOK_OPERATIONS } from "@/lib/webhooks/constants";
import {
  AUDIT_ACTIONS,
  AUDIT_RESOURCES,
  auditTargetText,
  describeAuditAction,
  isAuditAction,
  webhookEventOf,
  type AuditAction,
} from "./audit-catalogue";

const actions = Object.keys(AUDIT_ACTIONS) as AuditAction[];

describe("the audit catalogue", () => {
  it.each(actions)("%s is named resource.past_verb after its own resource, with a sentence", (action) => {
    const spec = AUDIT_ACTIONS[action];
    expect(action).toMatch(/^[a-z_]+\.[a-z_]+$/);
    expect(action.split(".")[0]).toBe(spec.resource);
    expect(Object.keys(AUDIT_RESOURCES)).toContain(spec.resource);
    expect(spec.sentence).toMatch(/^[a-z]/);
    expect(describeAuditAction({ actorLabel: "Ada", action, targetLabel: "Billing" })).toBe(`Ada ${spec.sentence} Billing`);
  });

  it.each(actions)("%s is delivered as a known webhook entity and operation, or as none", (action) => {
    const event = webhookEventOf(action);
    const entity = AUDIT_RESOURCES[AUDIT_ACTIONS[action].resource].entity;
    if (event === null) {
      expect(entity === null || AUDIT_ACTIONS[action].operation === null).toBe(true);
      return;
    }
    expect(WEBHOOK_ENTITIES).toContain(event.entity);
    expect(WEBHOOK_OPERATIONS).toContain(event.operation);
  });

  it.each([
    ["person.roles_updated", "User", "Update"],
    ["api_key.created", "ApiKey", "Create"],
    ["api_key.linked", "ApiKey", "Create"],
    ["api_key.archived", "ApiKey", "Update"],
    ["api_key.deleted", "ApiKey", "Delete"],
    ["access_code.created", "AccessCode", "Create"],
    ["access_code.enabled", "AccessCode", "Update"],
    ["access_code.disabled", "AccessCode", "Update"],
    ["access_code.updated", "AccessCode", "Update"],
    ["access_code.deleted", "AccessCode", "Delete"],
    ["company_credentials.generated", "CompanyCredentials", "Create"],
    ["company_credentials.deleted", "CompanyCredentials", "Delete"],
    ["personal_api_key.enabled", "PersonalApiKey", "Create"],
    ["personal_api_key.regenerated", "PersonalApiKey", "Update"],
    ["personal_api_key.turned_off", "PersonalApiKey", "Delete"],
    ["personal_api_key.cleared", "PersonalApiKey", "Delete"],
    ["webhook.created", "Webhook", "Create"],
    ["webhook.updated", "Webhook", "Update"],
    ["webhook.disabled", "Webhook", "Update"],
    ["webhook.deleted", "Webhook", "Delete"],
    ["access_code.expiring", "AccessCode", "Expiring"],
    ["access_code.expired", "AccessCode", "Expired"],
    ["personal_api_key.expiring", "PersonalApiKey", "Expiring"],
    ["personal_api_key.expired", "PersonalApiKey", "Expired"],
  ] as const)("%s is %s %s", (action, entity, operation) => {
    expect(webhookEventOf(action)).toEqual({ entity, operation });
  });

  it("sends no webhook event for settings", () => {
    expect(webhookEventOf("settings.updated")).toBeNull();
  });

  it.each(["session.signed_in", "session.sign_in_failed", "oauth_token.issued", "oauth_token.revoked"] as const)(
    "records %s for the log only, with no webhook event",
    (action) => {
      expect(webhookEventOf(action)).toBeNull();
    },
  );

  it("reads a sign-in without a target as a sentence", () => {
    expect(describeAuditAction({ actorLabel: "Ada Admin", action: "session.signed_in", targetLabel: null })).toBe(
      "Ada Admin signed in",
    );
  });

  it("names a target by its label, else by its kind and the start of its id", () => {
    const id = "823275e2-00b8-4c3f-a117-a7733be42473";
    expect(auditTargetText({ targetType: "api_key", targetId: id, targetLabel: "Billing" })).toBe("Billing");
    expect(auditTargetText({ targetType: "session", targetId: id, targetLabel: null })).toBe("Sign-in 823275e2");
    expect(auditTargetText({ targetType: "oauth_token", targetId: id, targetLabel: null })).toBe("OAuth access token 823275e2");
    expect(auditTargetText({ targetType: "retired_kind", targetId: id, targetLabel: null })).toBe("retired_kind 823275e2");
    expect(auditTargetText({ targetType: "constructor", targetId: id, targetLabel: null })).toBe("constructor 823275e2");
    expect(auditTargetText({ targetType: "settings", targetId: null, targetLabel: null })).toBe("—");
  });

  it("reads the expiry job's notices as Keyward's sentences", () => {
    expect(describeAuditAction({ actorLabel: "Keyward", action: "access_code.expiring", targetLabel: "kwak_3fQ9xT2a" })).toBe(
      "Keyward gave notice of the coming expiry of the access code kwak_3fQ9xT2a",
    );
    expect(describeAuditAction({ actorLabel: "Keyward", action: "personal_api_key.expired", targetLabel: "Max Member" })).toBe(
      "Keyward recorded the expiry of the personal API key of Max Member",
    );
  });

  it("still reads a stored action that is no longer catalogued", () => {
    expect(isAuditAction("nonsense.happened")).toBe(false);
    expect(describeAuditAction({ actorLabel: "Ada", action: "nonsense.happened", targetLabel: null })).toBe(
      "Ada: nonsense.happened",
    );
  });
});
