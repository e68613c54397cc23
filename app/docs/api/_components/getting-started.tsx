/** The hand-written guide above the generated reference: one walk-through per kind of credential, with curl. */

function Code({ children, label }: { children: string; label: string }) {
  return (
    // Focusable, so a keyboard can scroll a line wider than the screen.
    <pre
      aria-label={label}
      tabIndex={0}
      className="overflow-x-auto rounded-lg border bg-muted/50 p-4 font-mono text-sm leading-relaxed outline-none focus-visible:ring-2 focus-visible:ring-ring"
    >
      <code>{children}</code>
    </pre>
  );
}

function Step({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section aria-labelledby={id} className="space-y-3">
      <h3 id={id} className="text-lg font-semibold tracking-tight">
        {title}
      </h3>
      {children}
    </section>
  );
}

const TRANSPORTS: { name: string; example: string }[] = [
  { name: "Authorization: Bearer", example: `curl -H "Authorization: Bearer $KEYWARD_KEY" "$KEYWARD/api/v1/me"` },
  { name: "X-API-Key header", example: `curl -H "X-API-Key: $KEYWARD_KEY" "$KEYWARD/api/v1/me"` },
  { name: "apiKey query parameter", example: `curl "$KEYWARD/api/v1/me?apiKey=$KEYWARD_KEY"` },
  { name: "key query parameter", example: `curl "$KEYWARD/api/v1/me?key=$KEYWARD_KEY"` },
  {
    name: "key form field (requests with a body)",
    example: `curl --data-urlencode "key=$KEYWARD_KEY" "$KEYWARD/api/v1/me"`,
  },
  {
    name: "API_Key JSON property (requests with a body)",
    example: `curl -H "Content-Type: application/json" -d '{"API_Key": "'"$KEYWARD_KEY"'"}' "$KEYWARD/api/v1/me"`,
  },
];

export function GettingStarted() {
  return (
    <section aria-labelledby="getting-started-heading" className="max-w-3xl space-y-8">
      <div className="space-y-2">
        <h2 id="getting-started-heading" className="text-2xl font-semibold tracking-tight">
          Getting started
        </h2>
        <p className="text-muted-foreground">
          Every request carries one credential. There are three kinds; pick the one that fits who is calling. The
          examples use two shell variables: <code>KEYWARD</code>, the address of this Keyward (for example{" "}
          <code>export KEYWARD=https://keyward.example.com</code>), and the credential itself.
        </p>
      </div>

      <Step id="company-credentials" title="Company API credentials (OAuth client credentials)">
        <p>
          For software that acts for the whole company. An Office Lead generates them under Profile → Account
          Settings → Other → <strong>Generate API credentials</strong>; the client secret (<code>kwcs_…</code>) is
          shown once. Exchange the pair for an access token (valid one hour), with HTTP Basic authentication
          (<code>client_secret_basic</code>):
        </p>
        <Code label="Request an access token">{`curl -u "$CLIENT_ID:$CLIENT_SECRET" \\
  -d grant_type=client_credentials \\
  "$KEYWARD/api/oauth/token"`}</Code>
        <p>
          or with the secret in the form (<code>client_secret_post</code>):
        </p>
        <Code label="Request an access token with the secret in the form">{`curl -d grant_type=client_credentials \\
  -d client_id="$CLIENT_ID" -d client_secret="$CLIENT_SECRET" \\
  "$KEYWARD/api/oauth/token"`}</Code>
        <p>The answer holds a bearer token (<code>kwat_…</code>); send it on every call until it expires:</p>
        <Code label="Token answer">{`{ "access_token": "kwat_…", "token_type": "Bearer", "expires_in": 3600 }`}</Code>
        <Code label="Call the API with the access token">{`curl -H "Authorization: Bearer $ACCESS_TOKEN" "$KEYWARD/api/v1/me"`}</Code>
        <p>
          Deleting the company credentials invalidates every token issued under them at once. A token can also be
          revoked on its own with <code>POST /api/oauth/revoke</code> (RFC 7009).
        </p>
      </Step>

      <Step id="access-codes" title="Organisation API keys (access codes)">
        <p>
          For integrations with a defined scope. An Administrator creates a key under Administration →{" "}
          <strong>API Keys</strong> and chooses its policies; each key has up to two access codes (
          <code>kwak_…</code>, or a custom value), each valid for at most 365 days. Send the access code in the{" "}
          <code>X-API-Key</code> header:
        </p>
        <Code label="Call the API with an access code">{`curl -H "X-API-Key: $ACCESS_CODE" "$KEYWARD/api/v1/me"`}</Code>
        <p>
          The request may do what the key&apos;s policies allow; if the key acts as a person, it gets the
          intersection of its policies and that person&apos;s permissions. A request outside them is answered 403
          with the missing <code>policy</code> named.
        </p>
      </Step>

      <Step id="personal-keys" title="Personal API keys">
        <p>
          For your own scripts. Under Profile → <strong>API Access</strong>, <strong>Enable API access</strong> shows
          your key (<code>kwpk_…</code>) once. It acts as you, with your permissions as they are at the time of each
          request, and it is the credential for managing your webhooks.
        </p>
        <Code label="Call the API with a personal API key">{`curl -H "Authorization: Bearer $PERSONAL_KEY" "$KEYWARD/api/v1/me"`}</Code>
      </Step>

      <Step id="transports" title="Six ways to send a credential">
        <p>
          Any credential may travel in any of these ways (the header may also be spelled <code>X-ApiKey</code>); when
          several are present they must carry the same value,
          otherwise the request is refused with 400. The header forms are preferred: the two query-string forms
          answer 401 when an Administrator turned off <strong>Allow keys in query strings</strong>, because URLs end
          up in logs.
        </p>
        <ol className="list-decimal space-y-3 pl-6">
          {TRANSPORTS.map((transport) => (
            <li key={transport.name} className="space-y-2">
              <span>{transport.name}</span>
              <Code label={transport.name}>{transport.example}</Code>
            </li>
          ))}
        </ol>
      </Step>

      <Step id="account-header" title="Acting for a linking organisation: X-Keyward-Account">
        <p>
          An organisation may link an API key of another organisation (<strong>Link existing API key</strong>). The
          holder of that key&apos;s access codes then acts in the linking organisation, within the link&apos;s
          policies, by naming it:
        </p>
        <Code label="Act in a linking organisation">{`curl -H "X-API-Key: $ACCESS_CODE" -H "X-Keyward-Account: globex" \\
  "$KEYWARD/api/v1/me"`}</Code>
      </Step>

      <Step id="usage" title="Usage counts">
        <p>
          <code>GET /api/v1/usage</code> answers the numbers behind the console&apos;s usage charts: requests per hour
          for the last 24 hours (<code>range=24h</code>, the default) or per UTC day for the last 30 days (
          <code>range=30d</code>), by status class, for the whole organisation, one API key (<code>keyId</code>), or
          the company credentials or personal keys (<code>credential</code>). It needs the <code>keys:read</code>{" "}
          policy. Requests are counted a moment after they are answered.
        </p>
        <Code label="Read an API key's requests per day">{`curl -H "X-API-Key: $ACCESS_CODE" \\
  "$KEYWARD/api/v1/usage?range=30d&keyId=kwk_8fQ2mLx0pRr5sUv7wXy8zAb1"`}</Code>
        <Code label="Usage answer">{`{
  "range": "30d",
  "from": "2026-11-03T00:00:00.000Z",
  "to": "2026-12-03T00:00:00.000Z",
  "buckets": [{ "start": "2026-11-03T00:00:00.000Z", "2xx": 120, "4xx": 3, "5xx": 0 }, …],
  "totals": { "2xx": 4210, "4xx": 57, "5xx": 2, "all": 4269 }
}`}</Code>
      </Step>

      <Step id="errors" title="Errors">
        <p>
          Every error is <code>application/problem+json</code> (RFC 9457) with a sentence in <code>detail</code>. 401
          carries a <code>WWW-Authenticate</code> challenge; 403 names the missing <code>policy</code>; 422 lists{" "}
          <code>errors</code> per field; 429 says when to retry in <code>Retry-After</code>; bodies over 1 MiB get
          413. A key with a rate limit gets <code>RateLimit-Policy</code> (its quota <code>q</code> per window{" "}
          <code>w</code> seconds) and <code>RateLimit</code> (<code>r</code> requests left, <code>t</code> seconds to
          the reset) on every answer.
        </p>
        <Code label="A 403 answer">{`HTTP/1.1 403 Forbidden
Content-Type: application/problem+json

{
  "type": "https://keyward.dev/problems/forbidden",
  "title": "Missing policy",
  "status": 403,
  "detail": "This credential does not have the users:read policy, which this request needs.",
  "policy": "users:read"
}`}</Code>
      </Step>
    </section>
  );
}
