import { describe, expect, it } from "vitest";
import { eventForAction, rolesGranting } from "./events";

describe("webhook events from audit actions", () => {
  it.each([
    ["person.roles_updated", "User", "Update"],
    ["api_key.created", "ApiKey", "Create"],
    ["api_key.linked", "ApiKey", "Create"],
    ["api_key.archived", "ApiKey", "Update"],
    ["api_key.deleted", "ApiKey", "Delete"],
    ["access_code.disabled", "AccessCode", "Update"],
    ["company_credentials.generated", "CompanyCredentials", "Create"],
    ["personal_api_key.enabled", "PersonalApiKey", "Create"],
    ["personal_api_key.regenerated", "PersonalApiKey", "Update"],
    ["personal_api_key.turned_off", "PersonalApiKey", "Delete"],
    ["personal_api_key.cleared", "PersonalApiKey", "Delete"],
    ["webhook.updated", "Webhook", "Update"],
  ])("%s is %s %s", (action, entity, operation) => {
    expect(eventForAction(action)).toEqual({ entity, operation });
  });

  it("emits nothing for settings or unknown resources", () => {
    expect(eventForAction("settings.updated")).toBeNull();
    expect(eventForAction("nonsense")).toBeNull();
  });

  it("knows which roles see which entity", () => {
    expect(rolesGranting("api_keys:read")).toEqual(["administrator"]);
    expect(rolesGranting("people:read")).toEqual(["administrator", "office_lead", "member"]);
  });
});
