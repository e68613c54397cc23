import type { Metadata } from "next";
import { headers } from "next/headers";
import { ApiDocsLink } from "@/components/docs/api-docs-link";
import { CopyButton } from "@/components/ui/copy-button";
import { getDb } from "@/db/client";
import { getOrganizationOrThrow } from "@/db/queries/organizations";
import { loadKeyPage } from "@/lib/api-keys/load";

export const metadata: Metadata = { title: "Usage" };

const CODE = "<access code>";

/** The base URL the console was reached by, as integrations will reach the API. */
async function baseUrl() {
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host") ?? "localhost:3000";
  const proto = h.get("x-forwarded-proto") ?? (host.startsWith("localhost") || host.startsWith("127.") ? "http" : "https");
  return `${proto}://${host}`;
}

export default async function UsagePage({ params }: { params: Promise<{ keyId: string }> }) {
  const { actor, key } = await loadKeyPage((await params).keyId);
  const org = await getOrganizationOrThrow(await getDb(), actor.organization.id);
  const base = await baseUrl();
  const me = `${base}/api/v1/me`;
  const account = key.linked ? ` -H 'X-Keyward-Account: ${actor.organization.slug}'` : "";
  const ways = [
    { label: "Header X-API-Key", line: `X-API-Key: ${CODE}`, curl: `curl -H 'X-API-Key: ${CODE}'${account} ${me}` },
    {
      label: "Header Authorization: Bearer",
      line: `Authorization: Bearer ${CODE}`,
      curl: `curl -H 'Authorization: Bearer ${CODE}'${account} ${me}`,
    },
    { label: "Query parameter apiKey", line: `?apiKey=${CODE}`, curl: `curl${account} '${me}?apiKey=${CODE}'`, query: true },
    { label: "Query parameter key", line: `?key=${CODE}`, curl: `curl${account} '${me}?key=${CODE}'`, query: true },
    {
      label: "Form field key (application/x-www-form-urlencoded)",
      line: `key=${CODE}`,
      curl: `curl${account} --data-urlencode 'key=${CODE}' ${me}`,
    },
    {
      label: "JSON property API_Key (root object, application/json)",
      line: `{ "API_Key": "${CODE}" }`,
      curl: `curl${account} -H 'Content-Type: application/json' -d '{"API_Key":"${CODE}"}' ${me}`,
    },
  ];
  return (
    <div className="grid max-w-3xl gap-5">
      <p className="text-sm text-muted-foreground">
        Send one access code of this key with each request, in one of these ways. If a request carries two different
        codes it is refused. The order Keyward looks in: Authorization, X-API-Key (or X-ApiKey), apiKey, key, form
        field, JSON property. The form field and the JSON property work on every request with a body.
        {key.linked
          ? ` This is a linked key: send the source key's access code with the header X-Keyward-Account: ${actor.organization.slug}.`
          : ""}
      </p>
      <p className="text-sm text-muted-foreground">
        <ApiDocsLink section="transports" /> describes each way in full, and what every operation needs.
      </p>
      {!org!.allowQueryStringKeys ? (
        <p className="rounded-md bg-muted px-3 py-2 text-sm">
          Keys in query strings are turned off for {actor.organization.name} (Administration → Settings): the apiKey
          and key parameters are refused.
        </p>
      ) : null}
      <ul className="grid gap-4" aria-label="Ways to send an access code">
        {ways.map((way) => (
          <li key={way.label} className="grid gap-1.5">
            <p className="text-sm font-medium">{way.label}</p>
            <div className="flex items-center gap-2">
              <code className="flex-1 rounded-md bg-muted px-3 py-2 font-mono text-xs">{way.line}</code>
              <CopyButton value={way.line} label={`Copy ${way.label}`} />
            </div>
            <div className="flex items-center gap-2">
              <code className="flex-1 overflow-x-auto rounded-md border px-3 py-2 font-mono text-xs whitespace-nowrap">
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
