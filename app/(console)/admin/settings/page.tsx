import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { getOrganizationOrThrow } from "@/db/queries/organizations";
import { requirePagePermission } from "@/lib/auth/actor";
import { updateAccessLogRetentionAction, updateMaxPersonalKeyLifetimeAction } from "@/lib/actions/settings";
import { rateLimitFormValue } from "@/lib/validators/rate-limits";
import { ACCESS_LOG_RETENTIONS, MAX_PERSONAL_KEY_LIFETIMES, maxLifetimeChoiceOf } from "@/lib/validators/settings";
import { ChoiceSetting } from "./_components/choice-setting";
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
      {[
        {
          id: "setting-max-personal-key-lifetime",
          label: "Maximum personal key lifetime",
          description:
            "The longest expiry people may choose when they enable or regenerate their personal API key; with a limit, No expiry is not offered. Lowering it does not shorten existing keys: API Management flags those that exceed it.",
          choices: MAX_PERSONAL_KEY_LIFETIMES,
          value: maxLifetimeChoiceOf(org!.maxPersonalKeyLifetimeDays),
          field: "maxLifetime",
          save: updateMaxPersonalKeyLifetimeAction,
        },
        {
          id: "setting-access-log-retention",
          label: "Keep access logs for",
          description:
            "Access-log entries older than this are deleted, within the hour after you choose a shorter period. The usage charts keep their hourly counts.",
          choices: ACCESS_LOG_RETENTIONS,
          value: String(org!.accessLogRetentionDays),
          field: "retention",
          save: updateAccessLogRetentionAction,
        },
      ].map((setting) => (
        <ChoiceSetting key={setting.id} {...setting} />
      ))}
      <PersonalKeyRateLimitSetting value={rateLimitFormValue(org!.personalKeyRateLimit)} />
    </div>
  );
}
