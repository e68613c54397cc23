import type { Metadata } from "next";
import { UsagePanel } from "@/components/usage/usage-panel";
import { getDb } from "@/db/client";
import { getCompanyCredentialsOverview } from "@/db/queries/company-credentials";
import { getUsage } from "@/db/queries/usage";
import { can, requireActor } from "@/lib/auth/actor";
import { firstValues, type RawSearchParams } from "@/lib/search-params";
import { usageRangeOf } from "@/lib/validators/usage";
import { CompanyCredentialsSection } from "./_components/company-credentials-section";

export const metadata: Metadata = { title: "Account Settings" };

export default async function AccountSettingsPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requireActor();
  const db = await getDb();
  const canManage = can(actor, "company_credentials:write");
  // The credentials' traffic is access-log data: for the Office Leads who manage them and the Administrators who read
  // the access logs, not for every member.
  const showUsage = canManage || can(actor, "access_logs:read");
  const [overview, usage] = await Promise.all([
    getCompanyCredentialsOverview(db, actor.organization.id),
    showUsage
      ? getUsage(db, actor.organization.id, { kind: "company_credentials" }, usageRangeOf(firstValues(await searchParams).usage))
      : null,
  ]);
  return (
    <section aria-labelledby="other-heading" className="max-w-3xl rounded-xl border bg-card p-6">
      <h2 id="other-heading" className="text-lg font-semibold">
        Other
      </h2>
      <CompanyCredentialsSection overview={overview} canManage={canManage} />
      {usage ? (
        <div className="mt-6">
          <UsagePanel title="Company credentials requests" usage={usage} />
        </div>
      ) : null}
    </section>
  );
}
