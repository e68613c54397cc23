"use client";

import { PanelLeftClose, PanelLeftOpen } from "lucide-react";
import Link from "next/link";
import { useState } from "react";
import { Button } from "@/components/ui/button";
import { SIDEBAR_COOKIE, writePreference } from "@/lib/ui/preferences";
import { cn } from "@/lib/utils";
import { BRAND_ICON } from "./nav-items";
import { SidebarNav } from "./sidebar-nav";

/** The desktop sidebar (from 1024 px), collapsible to its icons; below that width the header's sheet holds the same. */
export function AppSidebar({
  showAdministration,
  collapsed: initiallyCollapsed,
}: {
  showAdministration: boolean;
  collapsed: boolean;
}) {
  const [collapsed, setCollapsed] = useState(initiallyCollapsed);
  const Brand = BRAND_ICON;
  return (
    <aside
      className={cn(
        "sticky top-0 hidden h-screen shrink-0 flex-col gap-6 border-r bg-sidebar px-3 py-4 lg:flex",
        collapsed ? "w-16" : "w-60",
      )}
    >
      <Link
        href="/profile"
        className={cn("flex h-8 items-center gap-2 rounded-md px-3 font-semibold tracking-tight", collapsed && "justify-center px-0")}
      >
        <Brand aria-hidden className="size-5 text-primary" />
        <span className={cn(collapsed && "sr-only")}>Keyward</span>
      </Link>
      <div className="flex-1 overflow-y-auto">
        <SidebarNav showAdministration={showAdministration} collapsed={collapsed} />
      </div>
      <Button
        variant="ghost"
        size={collapsed ? "icon" : "sm"}
        className={cn("text-muted-foreground", !collapsed && "justify-start")}
        aria-label={collapsed ? "Expand navigation" : "Collapse navigation"}
        aria-expanded={!collapsed}
        onClick={() => {
          setCollapsed(!collapsed);
          writePreference(SIDEBAR_COOKIE, collapsed ? "expanded" : "collapsed");
        }}
      >
        {collapsed ? <PanelLeftOpen aria-hidden /> : <PanelLeftClose aria-hidden />}
        {collapsed ? null : <span aria-hidden>Collapse</span>}
      </Button>
    </aside>
  );
}
