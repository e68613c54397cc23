/** The three roles, as stored in `user_roles.role`; the console shows them by their labels below. */
export const ROLES = ["administrator", "office_lead", "member"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS = {
  administrator: "Administrator",
  office_lead: "Office Lead",
  member: "Member",
} as const satisfies Record<Role, string>;

/** Plural labels for filters and "who can do this" links. */
export const ROLE_PLURALS: Record<Role, string> = {
  administrator: "Administrators",
  office_lead: "Office Leads",
  member: "Members",
};

/** URL form of a role, as in `/admin/people?role=office-lead`. */
export const roleSlug = (role: Role) => role.replace("_", "-");

export function roleFromSlug(slug: string | undefined | null): Role | undefined {
  return ROLES.find((role) => roleSlug(role) === slug);
}

export const peopleWithRoleHref = (role: Role) => `/admin/people?role=${roleSlug(role)}`;

export const sortRoles = (roles: Iterable<Role>) => ROLES.filter((role) => new Set(roles).has(role));
