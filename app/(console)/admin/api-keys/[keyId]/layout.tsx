import { DateTime } from "@/components/date-time";
import { PageCrumbs } from "@/components/shell/breadcrumbs";
import { StatusBadge } from "@/components/status-badge";
import { CopyButton } from "@/components/ui/copy-button";
import { TabLink, TabLinks } from "@/components/ui/tabs";
import { loadKeyPage } from "@/lib/api-keys/load";
import { can } from "@/lib/auth/actor";
import { KeyActions } from "./_components/key-actions";

export default async function ApiKeyLayout({
  children,
  params,
}: {
  children: React.ReactNode;
  params: Promise<{ keyId: string }>;
}) {
  const { keyId } = await params;
  const { actor, key } = await loadKeyPage(keyId);
  const base = `/admin/api-keys/${key.publicId}`;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-5">
      <PageCrumbs items={[{ label: key.name }]} />
      <div className="flex flex-col gap-4 sm:flex-row sm:items-start sm:justify-between">
        <div className="grid min-w-0 gap-1.5">
          <div className="flex flex-wrap items-center gap-2">
            <h1 className="min-w-0 text-2xl font-semibold tracking-tight break-words">{key.name}</h1>
            <StatusBadge state={key.archivedAt ? "Archived" : "Active"} />
            {key.linked ? <StatusBadge state="Linked" /> : null}
          </div>
          <p className="flex flex-wrap items-center gap-2 text-sm text-muted-foreground">
            <span>API key ID</span>
            <code className="font-mono break-all text-foreground">{key.publicId}</code>
            <CopyButton value={key.publicId} label="Copy API key ID" size="sm" variant="ghost" />
          </p>
          {key.archivedAt ? (
            <p className="text-sm">
              Archived by {key.archivedBy ?? "someone"} on <DateTime value={key.archivedAt} />. Its access codes no
              longer work.
            </p>
          ) : null}
        </div>
        <KeyActions
          keyId={key.publicId}
          keyName={key.name}
          archived={Boolean(key.archivedAt)}
          allowed={can(actor, "api_keys:write")}
        />
      </div>
      <TabLinks label="API key" variant="pill">
        <TabLink href={base} exact>
          Details
        </TabLink>
        <TabLink
          href={`${base}/access-codes`}
          disabled={key.linked}
          disabledReason={
            key.linked
              ? "A linked key has no access codes of its own: use the access code given by the source key's owner."
              : undefined
          }
        >
          Access Codes
        </TabLink>
        <TabLink href={`${base}/usage`}>Usage</TabLink>
        <TabLink href={`${base}/logs`}>Logs</TabLink>
      </TabLinks>
      {key.linked ? (
        <p className="text-sm text-muted-foreground">
          This key links {key.linkedPublicId ? <code className="font-mono">{key.linkedPublicId}</code> : "a key"} of
          another organisation. It has no access codes of its own: use the access code given by the source key&apos;s
          owner, with the header <code className="font-mono">X-Keyward-Account: {actor.organization.slug}</code>.
        </p>
      ) : null}
      <div>{children}</div>
    </div>
  );
}
