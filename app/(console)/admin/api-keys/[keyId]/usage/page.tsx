import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiDocsLink } from "@/components/docs/api-docs-link";
import { CopyButton } from "@/components/ui/copy-button";
import { getDb } from "@/db/client";
import { getOrganizationOrThrow } from "@/db/queries/organizations";
import { getUsage, listBusiestAccessCodes } from "@/db/queries/usage";
import { UsagePanel } from "@/components/usage/usage-panel";
import { loadKeyPage } from "@/lib/api-keys/load";
import { requestOrigin } from "@/lib/http/request-origin";
import { firstValues, type RawSearchParams } from "@/lib/search-params";
import { usageRangeOf } from "@/lib/validators/usage";

export const metadata: Metadata = { title: "Usage" };

/**
 * The access code the examples stand for: the newest one that works now, else the newest, shown by its prefix only
 * (the secret itself is never stored). A linked key or a key without codes gets a plain placeholder.
 */
function exampleCode(codes: { prefix: string; description: string | null; enabled: boolean; expiresAt: Date }[], now: Date) {
  const newestFirst = [...codes].reverse();
  const code = newestFirst.find((c) => c.enabled && c.expiresAt > now) ?? newestFirst[0];
  return code ? { text: `${code.prefix}…`, code } : { text: "<access code>", code: null };
}

export default async function UsagePage({
  params,
  searchParams,
}: {
  params: Promise<{ keyId: string }>;
  searchParams: Promise<RawSearchParams>;
}) {
  const { actor, key } = await loadKeyPage((await params).keyId);
  const db = await getDb();
  const range = usageRangeOf(firstValues(await searchParams).usage);
  const [org, usage, busiest] = await Promise.all([
    getOrganizationOrThrow(db, actor.organization.id),
    getUsage(db, actor.organization.id, { kind: "api_key", apiKeyId: key.id }, range),
    listBusiestAccessCodes(db, actor.organization.id, key.id, range),
  ]);
  // The origin the console was reached by, as integrations will reach the API.
  const me = `${requestOrigin(await headers())}/api/v1/me`;
  const example = key.linked ? { text: "<access code>", code: null } : exampleCode(key.accessCodes, new Date());
  const shown = example.text;
  const account = key.linked ? ` -H 'X-Keyward-Account: ${actor.organization.slug}'` : "";
  const ways = [
    { label: "Header X-API-Key", line: `X-API-Key: ${shown}`, curl: `curl -H 'X-API-Key: ${shown}'${account} ${me}` },
    {
      label: "Header Authorization: Bearer",
      line: `Authorization: Bearer ${shown}`,
      curl: `curl -H 'Authorization: Bearer ${shown}'${account} ${me}`,
    },
    { label: "Query parameter apiKey", line: `?apiKey=${shown}`, curl: `curl${account} '${me}?apiKey=${shown}'`, query: true },
    { label: "Query parameter key", line: `?key=${shown}`, curl: `curl${account} '${me}?key=${shown}'`, query: true },
    {
      label: "Form field key (application/x-www-form-urlencoded)",
      line: `key=${shown}`,
      curl: `curl${account} --data-urlencode 'key=${shown}' ${me}`,
    },
    {
      label: "JSON property API_Key (root object, application/json)",
      line: `{ "API_Key": "${shown}" }`,
      curl: `curl${account} -H 'Content-Type: application/json' -d '{"API_Key":"${shown}"}' ${me}`,
    },
  ];
  return (
    <div className="grid max-w-3xl grid-cols-[minmax(0,1fr)] gap-5">
      <UsagePanel title="Requests" usage={usage}>
        <div className="grid gap-1.5">
          <h3 className="text-sm font-medium">Busiest access codes</h3>
          {busiest.length === 0 ? (
            <p className="text-sm text-muted-foreground">No access code of this key was used in this time.</p>
          ) : (
            <ol className="grid gap-1 text-sm" aria-label="Busiest access codes">
              {busiest.map((code) => (
                <li key={code.prefix} className="flex justify-between gap-4">
                  <span className="font-mono">{code.prefix}…</span>
                  <span className="tabular-nums">{`${code.requests.toLocaleString("en")} ${code.requests === 1 ? "request" : "requests"}`}</span>
                </li>
              ))}
            </ol>
          )}
        </div>
      </UsagePanel>
      <p className="text-sm text-muted-foreground">
        Send one access code of this key with each request, in one of these ways. If a request carries two different
        codes it is refused. The order Keyward looks in: Authorization, X-API-Key (or X-ApiKey), apiKey, key, form
        field, JSON property. The form field and the JSON property work on every request with a body.
        {key.linked
          ? ` This is a linked key: send the source key's access code with the header X-Keyward-Account: ${actor.organization.slug}.`
          : ""}
      </p>
      {example.code ? (
        <p className="text-sm">
          The examples show the access code <span className="font-mono">{example.code.prefix}…</span>
          {example.code.description ? ` (${example.code.description})` : ""} by its prefix: put the whole code in its
          place, as it was shown once when it was created.
        </p>
      ) : null}
      <p className="text-sm text-muted-foreground">
        <ApiDocsLink section="transports" /> describes each way in full, and what every operation needs.
      </p>
      {!org!.allowQueryStringKeys ? (
        <p className="rounded-md bg-muted px-3 py-2 text-sm">
          Keys in query strings are turned off for {actor.organization.name} (Administration → Settings): the apiKey
          and key parameters are refused.
        </p>
      ) : null}
      <ul className="grid grid-cols-[minmax(0,1fr)] gap-4" aria-label="Ways to send an access code">
        {ways.map((way) => (
          <li key={way.label} className="grid min-w-0 grid-cols-[minmax(0,1fr)] gap-1.5">
            <p className="text-sm font-medium">{way.label}</p>
            <div className="flex items-center gap-2">
              <code className="min-w-0 flex-1 rounded-md bg-muted px-3 py-2 font-mono text-xs break-all">{way.line}</code>
              <CopyButton value={way.line} label={`Copy ${way.label}`} />
            </div>
            <div className="flex items-center gap-2">
              <code className="min-w-0 flex-1 rounded-md border px-3 py-2 font-mono text-xs break-all">
                {way.curl}
              </code>
              <CopyButton value={way.curl} label={`Copy example: ${way.label}`} />
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
