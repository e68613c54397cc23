import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { getCompanyCredentialsOverview } from "@/db/queries/company-credentials";
import { can, requireActor } from "@/lib/auth/actor";
import { CompanyCredentialsSection } from "./_components/company-credentials-section";

export const metadata: Metadata = { title: "Account Settings" };

export default async function AccountSettingsPage() {
  const actor = await requireActor();
  const overview = await getCompanyCredentialsOverview(await getDb(), actor.organization.id);
  return (
    <section aria-labelledby="other-heading" className="max-w-3xl rounded-xl border bg-card p-6">
      <h2 id="other-heading" className="text-lg font-semibold">
        Other
      </h2>
      <CompanyCredentialsSection overview={overview} canManage={can(actor, "company_credentials:write")} />
    </section>
  );
}
