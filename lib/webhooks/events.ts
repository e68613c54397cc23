import type { WebhookEntity } from "./constants";
import { ROLE_PERMISSIONS, type Permission } from "@/lib/auth/permissions";
import { ROLES, type Role } from "@/lib/auth/roles";

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
