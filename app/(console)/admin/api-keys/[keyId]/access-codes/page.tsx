import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DataTable } from "@/components/data-table/data-table";
import { RelativeTime } from "@/components/relative-time";
import { StatusBadge } from "@/components/status-badge";
import { EmptyState } from "@/components/ui/empty-state";
import { loadKeyPage } from "@/lib/api-keys/load";
import { can } from "@/lib/auth/actor";
import { ACCESS_CODES_PER_KEY } from "@/lib/validators/api-keys";
import { AccessCodeControls } from "../_components/access-code-controls";
import { AccessCodeExpiryNotices } from "../_components/access-code-expiry-notices";
import { CreateAccessCodeDialog } from "../_components/create-access-code-dialog";

export const metadata: Metadata = { title: "Access codes" };

const SOON = 30 * 24 * 3600 * 1000;

export default async function AccessCodesPage({ params }: { params: Promise<{ keyId: string }> }) {
  const { actor, key } = await loadKeyPage((await params).keyId);
  if (key.linked) notFound();
  const allowed = can(actor, "api_keys:write");
  const now = new Date().getTime();
  const full = key.accessCodes.length >= ACCESS_CODES_PER_KEY;
  return (
    <div className="grid gap-4">
      <div className="flex flex-wrap items-start justify-between gap-4">
        <p className="max-w-prose text-sm text-muted-foreground">
          Up to {ACCESS_CODES_PER_KEY} access codes per key, each valid for at most 365 days. Create the next code a few
          weeks before the current one expires, so nothing relying on the key stops. To delete a code, switch it off
          first.
        </p>
        {key.archivedAt ? null : (
          <CreateAccessCodeDialog
            keyId={key.publicId}
            allowed={allowed}
            full={full}
            organization={actor.organization.name}
          />
        )}
      </div>
      {key.archivedAt ? null : (
        <AccessCodeExpiryNotices
          keyId={key.publicId}
          codes={key.accessCodes
            .filter((code) => code.enabled && code.expiresAt.getTime() - now < SOON)
            .map((code) => ({ ...code, expired: code.expiresAt.getTime() <= now }))}
          allowed={allowed}
          full={full}
          organization={actor.organization.name}
        />
      )}
      {key.accessCodes.length === 0 ? (
        <EmptyState title="No access codes" description="Create an access code to start using this key." />
      ) : (
        <DataTable
          label="Access codes"
          columns={[
            { id: "description", header: "Description", wrap: true, className: "min-w-40" },
            { id: "prefix", header: "Prefix", className: "font-mono text-xs" },
            { id: "created", header: "Created" },
            { id: "expires", header: "Expires", className: "min-w-48 whitespace-normal" },
            { id: "lastUsed", header: "Last used" },
            { id: "actions", header: "Enabled" },
          ]}
          rows={key.accessCodes.map((code) => {
            const expired = code.expiresAt.getTime() <= now;
            const soon = !expired && code.expiresAt.getTime() - now < SOON;
            return {
              id: code.id,
              cells: {
                description: code.description || "—",
                prefix: code.prefix,
                created: <RelativeTime value={code.createdAt} />,
                expires: (
                  <span>
                    <RelativeTime value={code.expiresAt} />
                    {expired ? (
                      <StatusBadge state="Expired" className="ml-2" />
                    ) : null}
                    {soon ? (
                      <span className="mt-1 block text-xs text-muted-foreground">
                        <StatusBadge state="Expires soon" /> Create the next access code before this one
                        expires.
                      </span>
                    ) : null}
                  </span>
                ),
                lastUsed: code.lastUsedAt ? <RelativeTime value={code.lastUsedAt} /> : "Never",
                actions: (
                  <AccessCodeControls
                    keyId={key.publicId}
                    code={{
                      id: code.id,
                      prefix: code.prefix,
                      description: code.description,
                      enabled: code.enabled,
                      lastUsedAt: code.lastUsedAt?.toISOString() ?? null,
                    }}
                    allowed={allowed && !key.archivedAt}
                  />
                ),
              },
            };
          })}
        />
      )}
    </div>
  );
}
