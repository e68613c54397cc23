import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getActor } from "@/lib/auth/actor";
import { ssoProviderName } from "@/lib/auth/config";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

export default async function LoginPage({
  searchParams,
}: {
  searchParams: Promise<{ callbackUrl?: string; error?: string }>;
}) {
  const { callbackUrl, error } = await searchParams;
  if (await getActor()) redirect("/profile");
  return (
    <main className="flex min-h-screen items-center justify-center bg-muted/40 px-4">
      <div className="w-full max-w-sm rounded-xl border bg-card p-8 shadow-sm">
        <p className="mb-6 text-sm font-semibold tracking-tight text-muted-foreground">Keyward</p>
        <h1 className="mb-1 text-2xl font-semibold tracking-tight">Sign in to Keyward</h1>
        <p className="mb-6 text-sm text-muted-foreground">Manage your organisation&apos;s API access.</p>
        <LoginForm
          callbackUrl={callbackUrl}
          ssoName={ssoProviderName()}
          ssoError={error === "sso" ? "Single sign-on found no Keyward account with that e-mail address." : undefined}
        />
      </div>
    </main>
  );
}
