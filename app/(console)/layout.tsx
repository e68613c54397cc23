import { headers } from "next/headers";
import { AppHeader } from "@/components/shell/app-header";
import { AppSidebar } from "@/components/shell/app-sidebar";
import { BreadcrumbsProvider } from "@/components/shell/breadcrumbs";
import { ConsoleOriginProvider } from "@/components/shell/console-origin";
import { FocusGuard } from "@/components/shell/focus-guard";
import { RequestTimeProvider } from "@/components/request-time";
import { requireActor } from "@/lib/auth/actor";
import { requestOrigin } from "@/lib/http/request-origin";
import { readPreferences } from "@/lib/ui/preferences.server";

export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  const origin = requestOrigin(await headers());
  const { theme, sidebarCollapsed } = await readPreferences();
  return (
    <BreadcrumbsProvider>
      <a
        href="#main"
        className="sr-only rounded-md bg-primary px-4 py-2 text-sm font-medium text-primary-foreground focus:not-sr-only focus:fixed focus:top-2 focus:left-2 focus:z-50"
      >
        Skip to content
      </a>
      <FocusGuard />
      <div className="flex min-h-screen">
        <AppSidebar
          showAdministration={actor.permissions.includes("administration:view")}
          collapsed={sidebarCollapsed}
        />
        <div className="flex min-w-0 flex-1 flex-col">
          <AppHeader actor={actor} theme={theme} />
          <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 outline-none lg:px-8">
            <ConsoleOriginProvider origin={origin}>
              <RequestTimeProvider at={new Date().getTime()}>{children}</RequestTimeProvider>
            </ConsoleOriginProvider>
          </main>
        </div>
      </div>
    </BreadcrumbsProvider>
  );
}
