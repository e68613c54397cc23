"use client";

import * as React from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Tabs as TabsPrimitive } from "radix-ui";

import { cn } from "@/lib/utils";

const tabListClass =
  "inline-flex h-9 w-fit items-center justify-center rounded-lg bg-muted p-[3px] text-muted-foreground";
const tabTriggerClass =
  "inline-flex h-[calc(100%-1px)] flex-1 items-center justify-center gap-1.5 rounded-md border border-transparent px-2 py-1 text-sm font-medium whitespace-nowrap text-foreground transition-[color,box-shadow] outline-none focus-visible:border-ring focus-visible:ring-[3px] focus-visible:ring-ring/50 disabled:pointer-events-none disabled:opacity-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-50 aria-selected:bg-background aria-selected:shadow-sm [&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4";

function Tabs({ className, ...props }: React.ComponentProps<typeof TabsPrimitive.Root>) {
  return (
    <TabsPrimitive.Root
      data-slot="tabs"
      className={cn("flex flex-col gap-2", className)}
      {...props}
    />
  );
}

function TabsList({ className, ...props }: React.ComponentProps<typeof TabsPrimitive.List>) {
  return <TabsPrimitive.List data-slot="tabs-list" className={cn(tabListClass, className)} {...props} />;
}

function TabsTrigger({ className, ...props }: React.ComponentProps<typeof TabsPrimitive.Trigger>) {
  return (
    <TabsPrimitive.Trigger
      data-slot="tabs-trigger"
      className={cn(tabTriggerClass, className)}
      {...props}
    />
  );
}

function TabsContent({ className, ...props }: React.ComponentProps<typeof TabsPrimitive.Content>) {
  return (
    <TabsPrimitive.Content
      data-slot="tabs-content"
      className={cn("flex-1 outline-none", className)}
      {...props}
    />
  );
}

/** Route-based tabs: a `<nav>` landmark wrapping a tablist of `TabLink`s. */
function TabLinks({
  label,
  className,
  children,
  ...props
}: Omit<React.ComponentProps<"nav">, "aria-label"> & { label: string }) {
  return (
    <nav aria-label={label} data-slot="tab-links" {...props}>
      <div role="tablist" aria-label={label} className={cn(tabListClass, className)}>
        {children}
      </div>
    </nav>
  );
}

function isActive(pathname: string, href: string, exact: boolean) {
  if (exact || href === "/") return pathname === href;
  return pathname === href || pathname.startsWith(href.endsWith("/") ? href : `${href}/`);
}

type TabLinkProps = Omit<React.ComponentProps<typeof Link>, "href"> & {
  href: string;
  /** Only selected on an exact pathname match (default: prefix match). */
  exact?: boolean;
  /** Renders a non-interactive tab with `aria-disabled="true"`. */
  disabled?: boolean;
  /** Why the tab is disabled; exposed as the tab's accessible description. */
  disabledReason?: string;
};

function TabLink({
  href,
  exact = false,
  disabled = false,
  disabledReason,
  className,
  children,
  ...props
}: TabLinkProps) {
  const pathname = usePathname() ?? "";
  const reasonId = React.useId();

  if (disabled) {
    return (
      <span
        role="tab"
        aria-selected="false"
        aria-disabled="true"
        aria-describedby={disabledReason ? reasonId : undefined}
        title={disabledReason}
        data-slot="tab-link"
        className={cn(tabTriggerClass, className)}
      >
        {children}
        {disabledReason ? (
          // aria-hidden keeps the reason out of the tab's accessible name;
          // aria-describedby still exposes it as the description.
          <span id={reasonId} aria-hidden="true" className="sr-only">
            {disabledReason}
          </span>
        ) : null}
      </span>
    );
  }

  const selected = isActive(pathname, href, exact);
  return (
    <Link
      href={href}
      role="tab"
      aria-selected={selected}
      aria-current={selected ? "page" : undefined}
      data-slot="tab-link"
      className={cn(tabTriggerClass, className)}
      {...props}
    >
      {children}
    </Link>
  );
}

export { TabLink, TabLinks, Tabs, TabsContent, TabsList, TabsTrigger };
export type { TabLinkProps };
