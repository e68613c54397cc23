"use client";

import { ChevronRight } from "lucide-react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { createContext, useContext, useEffect, useState } from "react";
import { cn } from "@/lib/utils";
import { ADMINISTRATION_NAV, PROFILE_NAV, sectionOf } from "./nav-items";

export interface Crumb {
  label: string;
  /** Absent for the last crumb, the current page. */
  href?: string;
}

type SetCrumbs = (crumbs: { path: string; items: readonly Crumb[] } | null) => void;

const CrumbsContext = createContext<{ items: { path: string; items: readonly Crumb[] } | null; set: SetCrumbs } | null>(
  null,
);

/** Holds what a page adds to the breadcrumbs below its section (a key's name, a person's name). */
export function BreadcrumbsProvider({ children }: { children: React.ReactNode }) {
  const [items, set] = useState<{ path: string; items: readonly Crumb[] } | null>(null);
  return <CrumbsContext.Provider value={{ items, set }}>{children}</CrumbsContext.Provider>;
}

/**
 * Rendered by a page below a section: the crumbs after the section, the last one being the page itself. They are the
 * way back up, in place of "Back to …" links.
 */
export function PageCrumbs({ items }: { items: readonly Crumb[] }) {
  const context = useContext(CrumbsContext);
  const pathname = usePathname() ?? "";
  const set = context?.set;
  const key = JSON.stringify(items);
  useEffect(() => {
    set?.({ path: pathname, items: JSON.parse(key) as Crumb[] });
    return () => set?.(null);
  }, [set, pathname, key]);
  return null;
}

/**
 * Organisation / section / item, in the header; the current page is marked and is not a link. A phone has room for
 * the current page and the item above it (not the organisation): the others are left out there, and the one above
 * never squeezes the current page's name away.
 */
export function Breadcrumbs({ organization }: { organization: string }) {
  const pathname = usePathname() ?? "";
  const context = useContext(CrumbsContext);
  const section = sectionOf(pathname, [PROFILE_NAV, ADMINISTRATION_NAV]);
  const extra = context?.items?.path === pathname ? context.items.items : [];
  const crumbs: Crumb[] = [
    { label: organization, href: "/profile" },
    ...(section ? [{ label: section.label, href: section.href }] : []),
    ...extra,
  ];
  const firstOnPhone = crumbs.length > 2 ? crumbs.length - 2 : crumbs.length - 1;
  return (
    <nav aria-label="Breadcrumb" className="min-w-0">
      <ol className="flex min-w-0 items-center gap-1.5 text-sm text-muted-foreground">
        {crumbs.map((crumb, index) => {
          const last = index === crumbs.length - 1;
          return (
            <li
              key={`${index}-${crumb.label}`}
              className={cn(
                "flex min-w-0 items-center gap-1.5",
                // The item above gives way first, down to a few letters, before the current page's name does.
                !last && "min-w-16 shrink-[100]",
                index < firstOnPhone && "max-sm:hidden",
              )}
            >
              {index > 0 ? (
                <ChevronRight aria-hidden className={cn("size-3.5 shrink-0", index === firstOnPhone && "max-sm:hidden")} />
              ) : null}
              {last ? (
                <span aria-current="page" className="truncate font-medium text-foreground">
                  {crumb.label}
                </span>
              ) : (
                <Link href={crumb.href ?? "/profile"} className="truncate rounded-sm hover:text-foreground hover:underline">
                  {crumb.label}
                </Link>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
