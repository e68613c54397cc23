import type { Metadata } from "next";
import { getDb } from "@/db/client";
import { getPersonalKeyRules, getPersonalKeyState } from "@/db/queries/personal-api-keys";
import { recentReportedLeaksOfPerson } from "@/db/queries/reported-leaks";
import { listWebhooksForUser, toWebhookListItem } from "@/db/queries/webhooks";
import { ApiDocsLink } from "@/components/docs/api-docs-link";
import { ReportedLeakBanner } from "@/components/leaks/reported-leak-banner";
import { WebhooksTable } from "@/components/webhooks/webhooks-table";
import { can, requireActor } from "@/lib/auth/actor";
import { expiryState } from "@/lib/expiry/thresholds";
import { AddWebhookButton } from "./_components/add-webhook-button";
import { PersonalKeyPanel } from "./_components/personal-key-panel";

export const metadata: Metadata = { title: "API Access" };

/** The person's own API access: their personal key and their webhooks. */
export default async function ApiAccessPage() {
  const actor = await requireActor();
  const db = await getDb();
  const [state, rules, webhooks, leaks] = await Promise.all([
    getPersonalKeyState(db, actor.organization.id, actor.userId),
    getPersonalKeyRules(db, actor.organization.id),
    listWebhooksForUser(db, actor.organization.id, actor.userId),
    recentReportedLeaksOfPerson(db, actor.organization.id, actor.userId),
  ]);
  const canWebhooks = can(actor, "webhooks:write");
  const key = state.key;
  return (
    <div className="grid max-w-4xl gap-6">
      <ReportedLeakBanner leaks={leaks} auditLog={can(actor, "audit_log:read")} />
      <section aria-labelledby="api-access-heading" className="rounded-xl border bg-card p-6">
        <h2 id="api-access-heading" className="mb-4 text-lg font-semibold">
          Personal API key
        </h2>
        <p className="mb-4 text-sm text-muted-foreground">
          <ApiDocsLink section="personal-keys" /> shows how to send your key and what it lets you do.
        </p>
        <PersonalKeyPanel
          organization={actor.organization.name}
          allowed={rules.allowed}
          maxDays={rules.maxDays}
          canManage={can(actor, "personal_api_key:write")}
          status={state.status}
          keyInfo={
            key
              ? {
                  prefix: key.prefix,
                  createdAt: key.createdAt.toISOString(),
                  expiresAt: key.expiresAt?.toISOString() ?? null,
                  expiry: key.expiresAt ? expiryState(key.expiresAt, new Date()) : null,
                  lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
                  revokedAt: key.revokedAt?.toISOString() ?? null,
                  revokedByLabel: key.revokedByLabel,
                  revokedByKeyward: key.revokedByKeyward,
                }
              : null
          }
        />
      </section>
      <section aria-labelledby="webhooks-heading" className="grid gap-4 rounded-xl border bg-card p-6">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div className="grid gap-1">
            <h2 id="webhooks-heading" className="text-lg font-semibold">
              Webhooks
            </h2>
            <p className="text-sm text-muted-foreground">
              Events about what your permissions let you see, sent as signed HTTP POSTs. A webhook that is Off receives
              nothing.
            </p>
          </div>
          <AddWebhookButton organization={actor.organization.name} allowed={canWebhooks} permissions={actor.permissions} />
        </div>
        <WebhooksTable
          webhooks={webhooks.map(toWebhookListItem)}
          canManage={canWebhooks}
          logBasePath="/profile/api-access/webhooks"
          owner={{ organization: actor.organization.name }}
          emptyText="Add a webhook to be told when people, keys or webhooks change."
        />
      </section>
    </div>
  );
}
