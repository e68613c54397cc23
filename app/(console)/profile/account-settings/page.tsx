import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/actor";

export const metadata: Metadata = { title: "Account Settings" };

export default async function AccountSettingsPage() {
  await requireActor();
  return (
    <section aria-labelledby="other-heading" className="max-w-3xl rounded-xl border bg-card p-6">
      <h2 id="other-heading" className="text-lg font-semibold">
        Other
      </h2>
      <p className="mt-2 text-sm text-muted-foreground">
        Your company&apos;s API credentials will be managed here.
      </p>
    </section>
  );
}
