import Link from "next/link";
import { z } from "zod";
import { DataTable } from "@/components/data-table/data-table";
import { LocalDateTimeInput } from "@/components/forms/local-date-time-input";
import { RelativeTime } from "@/components/relative-time";
import { Badge } from "@/components/ui/badge";
import { httpStatusTone } from "@/lib/ui/status-tones";
import { Button } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { getDb } from "@/db/client";
import { listAccessLogs, listPersonalKeyOwners, STATUS_CLASSES, TIME_RANGES, type TimeRange } from "@/db/queries/access-logs";
import { listApiKeys } from "@/db/queries/api-keys";
import { getUsage, type UsageScope } from "@/db/queries/usage";
import { UsagePanel } from "@/components/usage/usage-panel";
import { credentialLabel, parseCredentialFilter } from "@/lib/access-log/credential-label";
import { dateTime } from "@/lib/validators/text";
import { usageRangeOf } from "@/lib/validators/usage";

export type AccessLogSearch = { key?: string; status?: string; range?: string; from?: string; to?: string; cursor?: string; usage?: string };

/** The Time select's choice for a range of one's own: From and To apply (as they also do with Any time). */
const CUSTOM_RANGE = "custom";

function instant(value: string | undefined): Date | undefined {
  const parsed = dateTime().safeParse(value);
  return value && parsed.success ? parsed.data : undefined;
}


/**
 * The access log: filters (key or credential, status class, time preset or custom range) kept in the URL, newest first, keyset pages. The
 * Administration page and a key's Logs tab (with `fixedKey`) show the same view.
 */
export async function AccessLogView({
  organizationId,
  search,
  fixedKey,
  basePath,
}: {
  organizationId: string;
  search: AccessLogSearch;
  fixedKey?: { id: string; publicId: string };
  basePath: string;
}) {
  const db = await getDb();
  const [keys, owners] = fixedKey ? [[], []] : await Promise.all([listApiKeys(db, organizationId), listPersonalKeyOwners(db, organizationId)]);
  const chosen = fixedKey ? undefined : parseCredentialFilter(search.key);
  const keyFilter = fixedKey ?? (chosen?.kind === "api_key" ? keys.find((k) => k.publicId === chosen.publicId) : undefined);
  const credential = chosen?.kind === "oauth_token" || chosen?.kind === "personal_key" ? chosen : undefined;
  const keyValue = fixedKey ? undefined : keyFilter ? keyFilter.publicId : credential ? search.key : undefined;
  const status = STATUS_CLASSES.find((s) => s === search.status);
  const range = (Object.keys(TIME_RANGES) as TimeRange[]).find((r) => r === search.range);
  const from = range ? undefined : instant(search.from);
  const to = range ? undefined : instant(search.to);
  const timeChoice = range ?? (from || to || search.range === CUSTOM_RANGE ? CUSTOM_RANGE : "");
  const cursor = z.uuid().safeParse(search.cursor).success ? search.cursor : undefined;
  const { entries, nextCursor } = await listAccessLogs(db, organizationId, {
    apiKeyId: keyFilter?.id,
    credential,
    status,
    range,
    from,
    to,
    cursor,
  });
  // The whole organisation's chart follows the filters the rollups can: key or credential, status class, and time
  // to the hour. The key's own Logs tab has its chart on the Usage tab.
  const usageScope: UsageScope = keyFilter
    ? { kind: "api_key", apiKeyId: keyFilter.id }
    : credential?.kind === "oauth_token"
      ? { kind: "company_credentials" }
      : credential?.kind === "personal_key"
        ? { kind: "personal_key", userId: credential.userId }
        : { kind: "organization" };
  const usage = fixedKey
    ? null
    : await getUsage(db, organizationId, usageScope, usageRangeOf(search.usage), {
        status,
        lastMs: range ? TIME_RANGES[range].ms : undefined,
        from,
        to,
      });
  const filtered = Boolean(keyFilter || credential || status || range || from || to);
  const query = (extra: Record<string, string | undefined>) => {
    const params = new URLSearchParams();
    const all = {
      key: keyValue,
      status,
      range: timeChoice || undefined,
      from: from ? search.from : undefined,
      to: to ? search.to : undefined,
      ...extra,
    };
    if (search.usage) params.set("usage", usageRangeOf(search.usage));
    for (const [k, v] of Object.entries(all)) if (v) params.set(k, v);
    const text = params.toString();
    return text ? `${basePath}?${text}` : basePath;
  };

  return (
    <div className="grid grid-cols-[minmax(0,1fr)] gap-4">
      <form method="get" action={basePath} aria-label="Filter access logs" className="flex flex-wrap items-end gap-3">
        {fixedKey ? null : (
          <div className="grid max-w-full min-w-0 gap-1.5">
            <Label htmlFor="log-key">Key</Label>
            <NativeSelect id="log-key" name="key" defaultValue={keyValue ?? ""} className="w-full min-w-0">
              <option value="">Every key</option>
              {keys.length > 0 ? (
                <optgroup label="API keys">
                  {keys.map((k) => (
                    <option key={k.id} value={k.publicId}>
                      {k.name}
                    </option>
                  ))}
                </optgroup>
              ) : null}
              <optgroup label="Company credentials">
                <option value="oauth_token">Company credentials (OAuth token)</option>
              </optgroup>
              <optgroup label="Personal API keys">
                <option value="personal_key">Every personal key</option>
                {owners.map((person) => (
                  <option key={person.id} value={`personal_key:${person.id}`}>
                    {`${person.name}'s personal key`}
                  </option>
                ))}
              </optgroup>
            </NativeSelect>
          </div>
        )}
        <div className="grid gap-1.5">
          <Label htmlFor="log-status">Status</Label>
          <NativeSelect id="log-status" name="status" defaultValue={status ?? ""} className="w-full min-w-0">
            <option value="">Any status</option>
            {STATUS_CLASSES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="log-range">Time</Label>
          <NativeSelect id="log-range" name="range" defaultValue={timeChoice} className="w-full min-w-0">
            <option value="">Any time</option>
            {(Object.keys(TIME_RANGES) as TimeRange[]).map((r) => (
              <option key={r} value={r}>
                {TIME_RANGES[r].label}
              </option>
            ))}
            <option value={CUSTOM_RANGE}>Custom range (From, To)</option>
          </NativeSelect>
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="log-from">From</Label>
          <LocalDateTimeInput id="log-from" name="from" value={from ? search.from : undefined} />
        </div>
        <div className="grid gap-1.5">
          <Label htmlFor="log-to">To</Label>
          <LocalDateTimeInput id="log-to" name="to" value={to ? search.to : undefined} />
        </div>
        {search.usage ? <input type="hidden" name="usage" value={usageRangeOf(search.usage)} /> : null}
        <Button type="submit" variant="secondary">
          Filter
        </Button>
      </form>
      {usage ? (
        <UsagePanel
          title={filtered ? "Requests matching the filters" : `Requests of the whole organisation`}
          usage={usage}
          note={filtered ? "times to the whole hour" : undefined}
        />
      ) : null}
      {entries.length === 0 ? (
        <EmptyState
          title="No requests"
          description="Requests made with your organisation's keys appear here a moment after they are made."
        />
      ) : (
        <DataTable
          label="Access log"
          columns={[
            { id: "time", header: "Time" },
            ...(fixedKey ? [] : [{ id: "key", header: "Key", wrap: true, className: "min-w-32" }]),
            { id: "accessCode", header: "Access code", className: "font-mono text-xs" },
            { id: "request", header: "Request", wrap: true, className: "min-w-48 max-w-md font-mono text-xs" },
            { id: "status", header: "Status" },
            { id: "ip", header: "IP", className: "text-xs" },
            { id: "duration", header: "Duration", className: "text-xs" },
          ]}
          rows={entries.map((entry) => ({
            id: entry.id,
            href: `/admin/access-logs/${entry.id}`,
            cells: {
              time: (
                // A block link, positioned so its visually hidden prefix stays inside it: the whole link, not the
                // sticky cell around it, takes a click at its centre.
                <Link href={`/admin/access-logs/${entry.id}`} className="relative block underline-offset-4 hover:underline">
                  {/* The name says where the link goes and still holds the time it shows (WCAG 2.5.3). */}
                  <span className="sr-only">{`Details of ${entry.method} ${entry.path}, `}</span>
                  <RelativeTime value={entry.createdAt} seconds />
                </Link>
              ),
              key: fixedKey ? null : credentialLabel(entry),
              accessCode: entry.accessCodePrefix ?? "—",
              request: `${entry.method} ${entry.path}`,
              status: <Badge tone={httpStatusTone(entry.status)}>{entry.status}</Badge>,
              ip: entry.ip ?? "—",
              duration: `${entry.durationMs} ms`,
            },
          }))}
        />
      )}
      <nav aria-label="Access log pages" className="flex gap-2">
        {cursor ? (
          <Button asChild variant="outline" size="sm">
            <Link href={query({})}>Newest</Link>
          </Button>
        ) : null}
        {nextCursor ? (
          <Button asChild variant="outline" size="sm">
            <Link href={query({ cursor: nextCursor })}>Older entries</Link>
          </Button>
        ) : null}
      </nav>
    </div>
  );
}
