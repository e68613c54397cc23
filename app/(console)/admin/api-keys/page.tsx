import type { Metadata } from "next";
import Link from "next/link";
import { DataTable } from "@/components/data-table/data-table";
import { IdChip } from "@/components/data-table/id-chip";
import { DateTime } from "@/components/date-time";
import { RelativeTime } from "@/components/relative-time";
import { ApiDocsLink } from "@/components/docs/api-docs-link";
import { Badge } from "@/components/ui/badge";
import { StatusBadge } from "@/components/status-badge";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { getOrganizationOrThrow } from "@/db/queries/organizations";
import { listApiKeys, listApiKeyTags, listExpiringAccessCodes, type ApiKeyFilters } from "@/db/queries/api-keys";
import { listPeople } from "@/db/queries/people";
import { API_POLICY_NAMES } from "@/lib/api-auth/policies";
import { can, requirePagePermission } from "@/lib/auth/actor";
import { DAY_MS, EXPIRY_SOON_DAYS } from "@/lib/expiry/thresholds";
import { firstValues, type RawSearchParams } from "@/lib/search-params";
import { ApiKeyListActions } from "./_components/api-key-list-actions";
import { ExpiringCodesBanner } from "./_components/expiring-codes-banner";
import { KeyRowMenu } from "./_components/key-row-menu";

export const metadata: Metadata = { title: "API Keys" };

export default async function ApiKeysPage({ searchParams }: { searchParams: Promise<RawSearchParams> }) {
  const actor = await requirePagePermission("api_keys:read");
  const search = firstValues(await searchParams);
  const filters: ApiKeyFilters = {
    q: search.q?.trim() || undefined,
    tag: search.tag || undefined,
    policy: API_POLICY_NAMES.find((p) => p === search.policy),
    status: search.status === "active" || search.status === "archived" ? search.status : undefined,
  };
  const db = await getDb();
  const now = new Date();
  const [keys, tags, people, org, expiring] = await Promise.all([
    listApiKeys(db, actor.organization.id, filters),
    listApiKeyTags(db, actor.organization.id),
    listPeople(db, actor.organization.id),
    getOrganizationOrThrow(db, actor.organization.id),
    listExpiringAccessCodes(db, actor.organization.id, now, new Date(now.getTime() + EXPIRY_SOON_DAYS * DAY_MS)),
  ]);
  const filtered = Boolean(filters.q || filters.tag || filters.policy || filters.status);
  const allowed = can(actor, "api_keys:write");

  return (
    <div className="grid gap-4">
      <PageHeader
        title="API Keys"
        description="Keys let integrations reach your organisation's API. A key's policies say what it may do; its access codes are the secrets integrations send."
        actions={
          <ApiKeyListActions
            allowed={allowed}
            allowWritePolicies={org!.allowWritePolicies}
            people={people}
            organization={actor.organization.name}
            organizationSlug={actor.organization.slug}
          />
        }
      />
      <ExpiringCodesBanner codes={expiring} />
      <p className="text-sm text-muted-foreground">
        <ApiDocsLink section="access-codes" /> shows how integrations send a key&apos;s access code, and every
        operation a policy opens.
      </p>
      <form method="get" role="search" aria-label="Filter API keys" className="flex flex-wrap items-end gap-3">
        <div className="grid gap-1.5">
          <Label htmlFor="filter-q">Search by name</Label>
          <Input id="filter-q" name="q" type="search" defaultValue={filters.q ?? ""} className="w-full sm:w-56" />
        </div>
        <div className="grid max-w-full min-w-0 gap-1.5">
          <Label htmlFor="filter-tag">Tag</Label>
          <NativeSelect id="filter-tag" name="tag" defaultValue={filters.tag ?? ""} className="w-full min-w-0">
            <option value="">Any tag</option>
            {tags.map((tag) => (
              <option key={tag} value={tag}>
                {tag}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-policy">Policy</Label>
          <NativeSelect id="filter-policy" name="policy" defaultValue={filters.policy ?? ""} className="w-full min-w-0">
            <option value="">Any policy</option>
            {API_POLICY_NAMES.map((policy) => (
              <option key={policy} value={policy}>
                {policy}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="filter-status">Status</Label>
          <NativeSelect id="filter-status" name="status" defaultValue={filters.status ?? ""} className="w-full min-w-0">
            <option value="">Any status</option>
            <option value="active">Active</option>
            <option value="archived">Archived</option>
          </NativeSelect>
        </div>
        <Button type="submit" variant="secondary">
          Filter
        </Button>
        {filtered ? (
          <Button asChild variant="ghost">
            <Link href="/admin/api-keys">Clear filters</Link>
          </Button>
        ) : null}
      </form>
      {keys.length === 0 ? (
        filtered ? (
          <EmptyState title="No matching keys" description="No API key matches these filters." />
        ) : (
          <EmptyState
            title="No API keys yet"
            description="Create a key for each integration: give it only the policies it needs, then hand its access code to the integration. You can archive a key at any time to cut it off at once."
          />
        )
      ) : (
        <DataTable
          label="API keys"
          columns={[
            { id: "name", header: "Name", wrap: true, className: "min-w-32 max-w-72 font-medium" },
            { id: "keyId", header: "Key ID" },
            { id: "tags", header: "Tags", className: "min-w-24 whitespace-normal" },
            { id: "policies", header: "Policies", className: "min-w-24 whitespace-normal" },
            { id: "status", header: "Status", wrap: true, className: "min-w-24" },
            // Short values under two-word headers: the headers may wrap, so that every column fits at 1280 px.
            { id: "accessCodes", header: "Access codes", className: "whitespace-normal" },
            { id: "lastUsed", header: "Last used", className: "whitespace-normal" },
            { id: "created", header: "Created", wrap: true, className: "text-xs" },
            { id: "actions", header: "Actions", hideHeader: true },
          ]}
          rows={keys.map((key) => ({
            id: key.id,
            cells: {
              name: (
                <>
                  <Link href={`/admin/api-keys/${key.publicId}`} className="underline-offset-4 hover:underline">
                    {key.name}
                  </Link>
                  {key.linked ? <span className="ml-2 text-xs text-muted-foreground">(linked)</span> : null}
                </>
              ),
              keyId: <IdChip value={key.publicId} name="key ID" />,
              tags: (
                <span className="flex flex-wrap gap-1">
                  {key.tags.map((tag) => (
                    // A tag may be 40 characters: it wraps rather than widening the table.
                    <Badge key={tag} className="max-w-full whitespace-normal [overflow-wrap:anywhere]">
                      {tag}
                    </Badge>
                  ))}
                </span>
              ),
              policies: (
                <span className="flex flex-wrap gap-1">
                  {key.policies.length === 0 ? (
                    <span className="text-muted-foreground">None</span>
                  ) : (
                    key.policies.map((policy) => (
                      <Badge key={policy} className="font-mono">
                        {policy}
                      </Badge>
                    ))
                  )}
                </span>
              ),
              status: key.archivedAt ? (
                <span className="grid gap-0.5">
                  <StatusBadge state="Archived" />
                  <span className="text-xs text-muted-foreground">
                    by {key.archivedBy ?? "someone"} on <DateTime value={key.archivedAt} />
                  </span>
                </span>
              ) : (
                <StatusBadge state="Active" />
              ),
              accessCodes: key.linked ? "—" : key.accessCodes,
              lastUsed: key.lastUsedAt ? <RelativeTime value={key.lastUsedAt} /> : "Never",
              created: (
                <>
                  {key.createdBy ?? "—"}
                  <br />
                  <RelativeTime value={key.createdAt} />
                </>
              ),
              actions: (
                <KeyRowMenu keyId={key.publicId} keyName={key.name} archived={Boolean(key.archivedAt)} allowed={allowed} />
              ),
            },
          }))}
        />
      )}
    </div>
  );
}
