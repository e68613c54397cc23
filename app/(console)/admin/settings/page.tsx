import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { getOrganizationOrThrow } from "@/db/queries/organizations";
import { requirePagePermission } from "@/lib/auth/actor";
import { rateLimitFormValue } from "@/lib/validators/rate-limits";
import { maxLifetimeChoiceOf } from "@/lib/validators/settings";
import { MaxLifetimeSetting } from "./_components/max-lifetime-setting";
import { PersonalKeyRateLimitSetting } from "./_components/personal-key-rate-limit-setting";
import { SettingsForm } from "./_components/settings-form";

export const metadata: Metadata = { title: "Settings" };

export default async function SettingsPage() {
  const actor = await requirePagePermission("settings:write");
  const db = await getDb();
  const org = await getOrganizationOrThrow(db, actor.organization.id);
  return (
    <div className="grid gap-4">
      <PageHeader title="Settings" description={`Organisation-wide rules for API access in ${actor.organization.name}.`} />
      <SettingsForm
        settings={{
          allowWritePolicies: org!.allowWritePolicies,
          allowQueryStringKeys: org!.allowQueryStringKeys,
          allowPersonalApiKeys: org!.allowPersonalApiKeys,
        }}
      />
      <MaxLifetimeSetting value={maxLifetimeChoiceOf(org!.maxPersonalKeyLifetimeDays)} />
      <PersonalKeyRateLimitSetting value={rateLimitFormValue(org!.personalKeyRateLimit)} />
    </div>
  );
}
