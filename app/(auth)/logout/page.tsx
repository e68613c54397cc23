import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { Button } from "@/components/ui/button";
import { signOutAction } from "@/lib/actions/auth";
import { getActor } from "@/lib/auth/actor";
import { AuthCard } from "../auth-card";

export const metadata: Metadata = { title: "Sign out" };

/**
 * Where Auth.js's own sign-out URL (`/api/auth/signout`) leads: a confirmation in Keyward's look instead of Auth.js's
 * unstyled page. The console's menu signs out directly; this is for a typed or bookmarked URL.
 */
export default async function LogoutPage() {
  const actor = await getActor();
  if (!actor) redirect("/login");
  return (
    <AuthCard title="Sign out of Keyward?" description={`You are signed in as ${actor.name} (${actor.email}).`}>
      <form action={signOutAction} className="flex flex-wrap items-center gap-3">
        <Button type="submit">Sign out</Button>
        <Button asChild variant="outline">
          <Link href="/profile">Stay signed in</Link>
        </Button>
      </form>
    </AuthCard>
  );
}
