import type { WebhookEntity, WebhookOperation } from "./constants";
import { ROLE_PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { ROLES, type Role } from "@/lib/auth/roles";

/** Audit resource → webhook entity (the convention shared by every area). `settings` emits nothing. */
const ENTITY_OF_RESOURCE: Record<string, WebhookEntity> = {
  person: "User",
  api_key: "ApiKey",
  access_code: "AccessCode",
  company_credentials: "CompanyCredentials",
  personal_api_key: "PersonalApiKey",
  webhook: "Webhook",
};

const CREATE_VERBS = new Set(["created", "generated", "linked", "enabled"]);
const DELETE_VERBS = new Set(["deleted", "cleared", "turned_off"]);

/** The webhook event of an audit action (`api_key.archived` → ApiKey Update), or null if it emits none. */
export function eventForAction(action: string): { entity: WebhookEntity; operation: WebhookOperation } | null {
  const dot = action.indexOf(".");
  if (dot < 0) return null;
  const entity = ENTITY_OF_RESOURCE[action.slice(0, dot)];
  if (!entity) return null;
  const verb = action.slice(dot + 1);
  const operation: WebhookOperation = CREATE_VERBS.has(verb) ? "Create" : DELETE_VERBS.has(verb) ? "Delete" : "Update";
  return { entity, operation };
}

/**
 * What a webhook's owner must be allowed, now, to receive events about an entity: the permission that lets them see
 * it in the console. Owners always receive events about their own personal key and webhooks.
 */
export const ENTITY_PERMISSION: Record<WebhookEntity, Permission> = {
  User: "people:read",
  ApiKey: "api_keys:read",
  AccessCode: "api_keys:read",
  // Everyone sees the company credentials' client id and who generated them (Account Settings → Other).
  CompanyCredentials: "profile:write",
  PersonalApiKey: "api_management:read",
  Webhook: "api_management:read",
};

/** The roles that grant `permission`: the SQL fan-out filters on current roles with these. */
export function rolesGranting(permission: Permission): Role[] {
  return ROLES.filter((role) => ROLE_PERMISSIONS[role].includes(permission));
}
