import type { Metadata } from "next";
import { requireActor } from "@/lib/auth/actor";

export const metadata: Metadata = { title: "API Access" };

export default async function ApiAccessPage() {
  await requireActor();
  return (
    <section aria-labelledby="api-access-heading" className="max-w-3xl rounded-xl border bg-card p-6">
      <h2 id="api-access-heading" className="text-lg font-semibold">
        Personal API key
      </h2>
      <p className="mt-2 text-sm text-muted-foreground">Your personal API key and webhooks will be managed here.</p>
    </section>
  );
}
