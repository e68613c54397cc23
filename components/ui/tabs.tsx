"use client";

import * as React from "react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { Tabs as TabsPrimitive } from "radix-ui";

import { cn } from "@/lib/utils";

const tabListClass =
  "inline-flex h-9 w-fit items-center justify-center rounded-lg bg-muted p-[3px] text-muted-foreground";
const tabTriggerClass =
  "inline-flex h-[calc(100%-1px)] flex-1 items-center justify-center gap-1.5 rounded-md border border-transparent px-2 py-1 text-sm font-medium whitespace-nowrap text-foreground transition-[color,box-shadow] outline-none focus-visible:border-ring focus-visible:ring-2 focus-visible:ring-ring focus-visible:ring-offset-2 focus-visible:ring-offset-background disabled:pointer-events-none disabled:opacity-50 aria-disabled:cursor-not-allowed aria-disabled:opacity-50 aria-selected:bg-background aria-selected:shadow-sm [&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4";

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

/**
 * "underline" for a page's sections (lighter, so that one set of pills is left on a page: an item's own tabs),
 * "pill" for the tabs of one item.
 */
type TabLinksVariant = "pill" | "underline";

// The strip scrolls sideways on a phone: the selected tab is its initial scroll target, so that it shows from the first
// paint, before the scripts (which keep it in view as the tabs change) have run.
const underlineListClass = "flex w-full items-end gap-1 overflow-x-auto border-b text-muted-foreground";
const underlineTriggerClass =
  "-mb-px inline-flex h-9 items-center gap-1.5 border-b-2 border-transparent px-3 text-sm font-medium whitespace-nowrap transition-colors -outline-offset-2 hover:text-foreground aria-disabled:cursor-not-allowed aria-disabled:opacity-50 aria-selected:border-primary aria-selected:text-foreground aria-selected:[scroll-initial-target:nearest] [&_svg]:pointer-events-none [&_svg]:shrink-0 [&_svg:not([class*='size-'])]:size-4";

const TabLinksVariantContext = React.createContext<TabLinksVariant>("pill");

const TAB_KEYS = new Set(["ArrowLeft", "ArrowRight", "Home", "End"]);

/**
 * Moves focus between the tabs of a tablist with the arrow keys, Home and End (the ARIA tabs pattern); Enter follows
 * the focused tab's link. Disabled tabs are reached too, so that their reason is read.
 */
function moveBetweenTabs(event: React.KeyboardEvent<HTMLElement>) {
  if (!TAB_KEYS.has(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
  const tabs = Array.from(event.currentTarget.querySelectorAll<HTMLElement>('[role="tab"]'));
  const index = tabs.indexOf(document.activeElement as HTMLElement);
  if (index === -1 || tabs.length === 0) return;
  event.preventDefault();
  const next =
    event.key === "Home"
      ? 0
      : event.key === "End"
        ? tabs.length - 1
        : (index + (event.key === "ArrowRight" ? 1 : -1) + tabs.length) % tabs.length;
  tabs[next]?.focus();
}

/**
 * Scrolls a tab strip that is wider than its frame (a phone) so that `tab` shows whole; only the strip moves, never
 * the page.
 */
function scrollIntoFrame(frame: HTMLElement, tab: HTMLElement) {
  const box = frame.getBoundingClientRect();
  const own = tab.getBoundingClientRect();
  if (own.left < box.left) frame.scrollLeft -= box.left - own.left;
  else if (own.right > box.right) frame.scrollLeft += own.right - box.right;
}

/**
 * Route-based tabs: a `<nav>` landmark wrapping a tablist of `TabLink`s. One tab is in the Tab order (the selected
 * one, else the first); the arrow keys move between them.
 */
function TabLinks({
  label,
  variant = "pill",
  className,
  children,
  ...props
}: Omit<React.ComponentProps<"nav">, "aria-label"> & { label: string; variant?: TabLinksVariant }) {
  const list = React.useRef<HTMLDivElement>(null);
  const pathname = usePathname();
  React.useEffect(() => {
    const tabs = Array.from(list.current?.querySelectorAll<HTMLElement>('[role="tab"]') ?? []);
    if (tabs.length > 0 && !tabs.some((tab) => tab.tabIndex === 0)) tabs[0]?.setAttribute("tabindex", "0");
    const selected = tabs.find((tab) => tab.getAttribute("aria-selected") === "true");
    if (list.current && selected) scrollIntoFrame(list.current, selected);
  }, [pathname]);
  return (
    <nav aria-label={label} data-slot="tab-links" {...props}>
      <div
        ref={list}
        role="tablist"
        aria-label={label}
        onKeyDown={moveBetweenTabs}
        className={cn(variant === "underline" ? underlineListClass : tabListClass, className)}
      >
        <TabLinksVariantContext.Provider value={variant}>{children}</TabLinksVariantContext.Provider>
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
  const triggerClass = React.useContext(TabLinksVariantContext) === "underline" ? underlineTriggerClass : tabTriggerClass;

  if (disabled) {
    return (
      <span
        role="tab"
        aria-selected="false"
        aria-disabled="true"
        aria-describedby={disabledReason ? reasonId : undefined}
        title={disabledReason}
        tabIndex={-1}
        data-slot="tab-link"
        className={cn(triggerClass, className)}
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
      tabIndex={selected ? 0 : -1}
      data-slot="tab-link"
      className={cn(triggerClass, className)}
      {...props}
    >
      {children}
    </Link>
  );
}

export { TabLink, TabLinks, Tabs, TabsContent, TabsList, TabsTrigger };
export type { TabLinkProps };
