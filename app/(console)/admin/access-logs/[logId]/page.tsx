import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { DateTime } from "@/components/date-time";
import { RelativeTime } from "@/components/relative-time";
import { PageCrumbs } from "@/components/shell/breadcrumbs";
import { PageHeader } from "@/components/ui/page-header";
import { getDb } from "@/db/client";
import { getAccessLog } from "@/db/queries/access-logs";
import { CREDENTIAL_KIND_LABELS, credentialLabel } from "@/lib/access-log/credential-label";
import { requirePagePermission } from "@/lib/auth/actor";

export const metadata: Metadata = { title: "Access log entry" };

export default async function AccessLogEntryPage({ params }: { params: Promise<{ logId: string }> }) {
  const actor = await requirePagePermission("access_logs:read");
  const { logId } = await params;
  if (!z.uuid().safeParse(logId).success) notFound();
  const entry = await getAccessLog(await getDb(), actor.organization.id, logId);
  if (!entry) notFound();
  const rows: [string, React.ReactNode][] = [
    [
      "Time",
      <span key="t">
        <DateTime value={entry.createdAt} seconds />{" "}
        {/* Screen readers have just read the full time; how long ago is for the eye. */}
        <span aria-hidden>
          (<RelativeTime value={entry.createdAt} />)
        </span>
      </span>,
    ],
    [
      "Key",
      entry.keyPublicId ? (
        <Link key="k" href={`/admin/api-keys/${entry.keyPublicId}`} className="underline underline-offset-4">
          {entry.keyName}
        </Link>
      ) : (
        credentialLabel(entry)
      ),
    ],
    ["Access code", entry.accessCodePrefix ?? "—"],
    ["Credential", entry.credentialKind ? (CREDENTIAL_KIND_LABELS[entry.credentialKind] ?? entry.credentialKind) : "—"],
    ["Status", String(entry.status)],
    ["Duration", `${entry.durationMs} ms`],
    ["IP", entry.ip ?? "—"],
    ["User agent", entry.userAgent ?? "—"],
  ];
  return (
    <div className="grid gap-4">
      <PageCrumbs items={[{ label: `${entry.method} ${entry.path}` }]} />
      <PageHeader title={`${entry.method} ${entry.path}`} description="One request, as the access log recorded it." />
      <dl className="grid grid-cols-1 gap-x-6 gap-y-1 text-sm sm:grid-cols-[max-content_minmax(0,1fr)]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted-foreground">{label}</dt>
            <dd className="break-all">{value}</dd>
          </div>
        ))}
      </dl>
      {[
        ["Request body", entry.requestBody],
        ["Response body", entry.responseBody],
      ].map(([label, body]) => (
        <section key={label} className="grid gap-2" aria-label={label ?? undefined}>
          <h2 className="text-base font-semibold">{label}</h2>
          {body ? (
            <pre className="max-h-96 overflow-auto rounded-md bg-muted p-3 font-mono text-xs whitespace-pre-wrap">{body}</pre>
          ) : (
            <p className="text-sm text-muted-foreground">Not logged: the key does not keep bodies, or there was none.</p>
          )}
        </section>
      ))}
    </div>
  );
}
