import type { Actor } from "@/lib/auth/actor";
import type { Theme } from "@/lib/ui/preferences";
import { Breadcrumbs } from "./breadcrumbs";
import { MobileNav } from "./mobile-nav";
import { UserMenu } from "./user-menu";

export function AppHeader({ actor, theme }: { actor: Actor; theme: Theme }) {
  const showAdministration = actor.permissions.includes("administration:view");
  return (
    <header className="sticky top-0 z-40 border-b bg-background/95 backdrop-blur">
      <div className="flex h-14 items-center justify-between gap-4 px-4 lg:px-8">
        <div className="flex min-w-0 items-center gap-2">
          <MobileNav showAdministration={showAdministration} />
          <Breadcrumbs organization={actor.organization.name} />
        </div>
        <UserMenu name={actor.name} email={actor.email} showAdministration={showAdministration} theme={theme} />
      </div>
    </header>
  );
}
