import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DateTime } from "@/components/date-time";
import { PageCrumbs } from "@/components/shell/breadcrumbs";
import { StatusBadge } from "@/components/status-badge";
import { PageHeader } from "@/components/ui/page-header";
import { WebhooksTable } from "@/components/webhooks/webhooks-table";
import { getDb } from "@/db/client";
import { getPerson } from "@/db/queries/people";
import { getPersonalKeyState } from "@/db/queries/personal-api-keys";
import { getUsage } from "@/db/queries/usage";
import { listWebhooksForUser, toWebhookListItem } from "@/db/queries/webhooks";
import { UsagePanel } from "@/components/usage/usage-panel";
import { firstValues, type RawSearchParams } from "@/lib/search-params";
import { usageRangeOf } from "@/lib/validators/usage";
import { can, requirePagePermission } from "@/lib/auth/actor";
import { z } from "zod";
import { ClearApiKeyButton } from "../_components/clear-api-key-button";
import { KEY_STATUS_LABELS } from "../_components/key-status";

export const metadata: Metadata = { title: "API Management" };

/** One person's API access, for Administrators: key status, Clear API Key, and their webhooks. */
export default async function ApiManagementPersonPage({
  params,
  searchParams,
}: {
  params: Promise<{ userId: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const actor = await requirePagePermission("api_management:read");
  const { userId } = await params;
  if (!z.uuid().safeParse(userId).success) notFound();
  const db = await getDb();
  const person = await getPerson(db, actor.organization.id, userId);
  if (!person) notFound();
  const [state, webhooks, usage] = await Promise.all([
    getPersonalKeyState(db, actor.organization.id, person.id),
    listWebhooksForUser(db, actor.organization.id, person.id),
    getUsage(db, actor.organization.id, { kind: "personal_key", userId: person.id }, usageRangeOf(firstValues(await searchParams).usage)),
  ]);
  const key = state.key;
  const canWrite = can(actor, "api_management:write");

  return (
    <div className="grid gap-6">
      <PageCrumbs items={[{ label: person.name }]} />
      <PageHeader title={person.name} description={person.email} className="pb-0" />
      <section aria-labelledby="key-heading" className="grid max-w-3xl gap-4 rounded-xl border bg-card p-6">
        <h2 id="key-heading" className="text-lg font-semibold">
          API key
        </h2>
        <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-3 text-sm">
          <dt className="text-muted-foreground">Status</dt>
          <dd>
            <StatusBadge state={KEY_STATUS_LABELS[state.status]} />
          </dd>
          {key ? (
            <>
              <dt className="text-muted-foreground">Key prefix</dt>
              <dd className="font-mono">{key.prefix}…</dd>
              <dt className="text-muted-foreground">Enabled on</dt>
              <dd>
                <DateTime value={key.createdAt} />
              </dd>
              <dt className="text-muted-foreground">Last used</dt>
              <dd>{key.lastUsedAt ? <DateTime value={key.lastUsedAt} /> : "Never"}</dd>
            </>
          ) : null}
          {state.status === "cleared" && key?.revokedAt ? (
            <>
              <dt className="text-muted-foreground">Cleared by</dt>
              <dd>{key.revokedByLabel}</dd>
              <dt className="text-muted-foreground">Cleared on</dt>
              <dd>
                <DateTime value={key.revokedAt} />
              </dd>
            </>
          ) : null}
        </dl>
        {state.status === "enabled" ? (
          <div>
            <ClearApiKeyButton person={{ id: person.id, name: person.name }} allowed={canWrite} />
          </div>
        ) : null}
      </section>
      <div className="max-w-3xl">
        <UsagePanel title="Personal API key requests" usage={usage} />
      </div>
      <section aria-labelledby="webhooks-heading" className="grid gap-4">
        <h2 id="webhooks-heading" className="text-lg font-semibold">
          Webhooks
        </h2>
        <WebhooksTable
          webhooks={webhooks.map(toWebhookListItem)}
          canManage={canWrite}
          logBasePath={`/admin/api-management/${person.id}/webhooks`}
          emptyText={`${person.name} has no webhooks.`}
        />
      </section>
    </div>
  );
}
