"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "@/lib/utils";
import { ADMINISTRATION_NAV, isCurrent, PROFILE_NAV } from "./nav-items";

/**
 * The console's own navigation: plain links (the section tabs on each page are the tabs), grouped, with icons.
 * Collapsed, only the icons show; each link keeps its name for assistive technology and as a tooltip.
 */
export function SidebarNav({
  showAdministration,
  collapsed = false,
  onNavigate,
}: {
  showAdministration: boolean;
  collapsed?: boolean;
  onNavigate?: () => void;
}) {
  const pathname = usePathname() ?? "";
  const groups = showAdministration ? [PROFILE_NAV, ADMINISTRATION_NAV] : [PROFILE_NAV];
  return (
    <nav aria-label="Main" className="grid gap-6">
      {groups.map((group) => (
        <div key={group.label} className="grid gap-1">
          <p
            className={cn(
              "px-3 text-xs font-medium tracking-wide text-muted-foreground uppercase",
              collapsed && "sr-only",
            )}
          >
            {group.label}
          </p>
          <ul className="grid gap-0.5">
            {group.items.map((item) => {
              const current = isCurrent(pathname, item);
              const Icon = item.icon;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    aria-current={current ? "page" : undefined}
                    title={collapsed ? item.label : undefined}
                    onClick={onNavigate}
                    className={cn(
                      "flex h-9 items-center gap-3 rounded-md px-3 text-sm font-medium text-muted-foreground transition-colors hover:bg-accent hover:text-accent-foreground",
                      current && "bg-accent text-accent-foreground",
                      collapsed && "justify-center px-0",
                    )}
                  >
                    <Icon aria-hidden className={cn("size-4 shrink-0", current && "text-primary")} />
                    <span className={cn(collapsed && "sr-only")}>{item.label}</span>
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
