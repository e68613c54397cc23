import {
  FileClock,
  KeyRound,
  Network,
  ScrollText,
  Settings,
  ShieldCheck,
  SlidersHorizontal,
  UserRound,
  Users,
  Webhook,
  type LucideIcon,
} from "lucide-react";

export interface NavItem {
  href: string;
  label: string;
  icon: LucideIcon;
  /** Current only on this exact path (the profile's own page), not below it. */
  exact?: boolean;
}

export interface NavGroup {
  label: string;
  items: readonly NavItem[];
}

export const PROFILE_NAV: NavGroup = {
  label: "Profile",
  items: [
    { href: "/profile", label: "Profile", icon: UserRound, exact: true },
    { href: "/profile/account-settings", label: "Account Settings", icon: SlidersHorizontal },
    { href: "/profile/api-access", label: "API Access", icon: Webhook },
  ],
};

/** Shown to people with "administration:view"; each page checks its own permission regardless. */
export const ADMINISTRATION_NAV: NavGroup = {
  label: "Administration",
  items: [
    { href: "/admin/api-keys", label: "API Keys", icon: KeyRound },
    { href: "/admin/api-management", label: "API Management", icon: Network },
    { href: "/admin/access-logs", label: "Access Logs", icon: ScrollText },
    { href: "/admin/audit-log", label: "Audit Log", icon: FileClock },
    { href: "/admin/people", label: "People", icon: Users },
    { href: "/admin/settings", label: "Settings", icon: Settings },
  ],
};

export const BRAND_ICON = ShieldCheck;

export function isCurrent(pathname: string, item: Pick<NavItem, "href" | "exact">): boolean {
  if (item.exact) return pathname === item.href;
  return pathname === item.href || pathname.startsWith(`${item.href}/`);
}

/** The navigation entry a path belongs to: the deepest entry that contains it. */
export function sectionOf(pathname: string, groups: readonly NavGroup[]): NavItem | undefined {
  return groups
    .flatMap((group) => group.items)
    .filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0];
}
