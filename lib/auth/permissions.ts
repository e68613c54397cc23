import type { Role } from "./roles";

/** Every console permission, `resource:verb`. Server checks and UI greying both read this one list. */
export const PERMISSIONS = [
  "profile:write",
  "people:read",
  "personal_api_key:write",
  "webhooks:write",
  "company_credentials:write",
  "administration:view",
  "people:write",
  "api_keys:read",
  "api_keys:write",
  "api_management:read",
  "api_management:write",
  "access_logs:read",
  "audit_log:read",
  "settings:write",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** What every person of an organisation may do, whatever their roles. */
const EVERYONE: readonly Permission[] = ["profile:write", "people:read", "personal_api_key:write", "webhooks:write"];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  member: EVERYONE,
  office_lead: [...EVERYONE, "company_credentials:write"],
  administrator: [
    ...EVERYONE,
    "administration:view",
    "people:write",
    "api_keys:read",
    "api_keys:write",
    "api_management:read",
    "api_management:write",
    "access_logs:read",
    "audit_log:read",
    "settings:write",
  ],
};

/** The union of the roles' permissions, in catalogue order. */
export function permissionsFor(roles: readonly Role[]): Permission[] {
  const granted = new Set(roles.flatMap((role) => ROLE_PERMISSIONS[role]));
  return PERMISSIONS.filter((permission) => granted.has(permission));
}

/** The role to ask when a permission is missing: the least powerful role that grants it. */
export function roleGranting(permission: Permission): Role {
  const fromLeast: Role[] = ["member", "office_lead", "administrator"];
  return fromLeast.find((role) => ROLE_PERMISSIONS[role].includes(permission)) ?? "administrator";
}
