import { KeyRound } from "lucide-react";
import Link from "next/link";
import type { Actor } from "@/lib/auth/actor";
import { UserMenu } from "./user-menu";

export function AppHeader({ actor }: { actor: Actor }) {
  return (
    <header className="border-b bg-card">
      <div className="mx-auto flex h-14 max-w-6xl items-center justify-between gap-4 px-4">
        <div className="flex items-center gap-3">
          <Link href="/profile" className="flex items-center gap-2 font-semibold tracking-tight">
            <KeyRound aria-hidden className="size-5" />
            Keyward
          </Link>
          <span aria-hidden className="text-muted-foreground">/</span>
          <span className="text-sm text-muted-foreground">{actor.organization.name}</span>
        </div>
        <UserMenu
          name={actor.name}
          email={actor.email}
          showAdministration={actor.permissions.includes("administration:view")}
        />
      </div>
    </header>
  );
}
