import { ShieldAlert } from "lucide-react";
import Link from "next/link";
import type { ReportedLeak } from "@/db/queries/reported-leaks";
import { DateTime } from "@/components/date-time";

/** What was revoked, and what the reader does next, by the revocation that a report caused. */
const NEXT_STEP: Record<string, { what: string; next: string }> = {
  "access_code.disabled": {
    what: "access code",
    next: "It is disabled. Create a new access code for its key, update the integration that used it, then delete the old code.",
  },
  "personal_api_key.cleared": {
    what: "personal API key",
    next: "It is cleared. Its owner regenerates a key on their API Access tab and updates whatever used it.",
  },
  "company_credentials.deleted": {
    what: "company client secret",
    next: "The company API credentials are deleted. An Office Lead generates new ones; every integration then needs them.",
  },
  "company_credentials.previous_secret_stopped": {
    what: "previous company client secret",
    next: "It is stopped; the current client secret still works. Make sure every integration uses the current one.",
  },
  "webhook.secret_rolled": {
    what: "signing secret of the webhook",
    next: "Keyward replaced it with a new secret that nobody has seen, so the receiver cannot verify deliveries until its owner uses Roll signing secret on their API Access tab and gives the receiver the new secret.",
  },
  "webhook.previous_secret_stopped": {
    what: "previous signing secret of the webhook",
    next: "It no longer signs deliveries; the current signing secret still does. Make sure the receiver verifies with the current one.",
  },
  "oauth_token.revoked": {
    what: "OAuth access token",
    next: "It is revoked. The integration obtains a new token with the company credentials.",
  },
};
const FALLBACK = { what: "secret", next: "It is revoked." };

/**
 * A red banner for secrets that a secret-scanning partner found in public and Keyward revoked: what leaked, where,
 * and what to do now. Shown to the organisation's Administrators, and to a person for their own key and webhooks.
 */
export function ReportedLeakBanner({ leaks, auditLog }: { leaks: readonly ReportedLeak[]; auditLog: boolean }) {
  if (leaks.length === 0) return null;
  return (
    <section
      aria-labelledby="reported-leaks-title"
      className="grid gap-2 rounded-lg border border-destructive/60 bg-destructive/10 p-4 text-sm"
    >
      <h2 id="reported-leaks-title" className="flex items-center gap-2 font-semibold text-destructive">
        <ShieldAlert aria-hidden className="size-4" />
        {leaks.length === 1 ? "A secret was found in public and revoked" : `${leaks.length} secrets were found in public and revoked`}
      </h2>
      <ul className="grid gap-2">
        {leaks.map((leak) => {
          const step = NEXT_STEP[leak.action] ?? FALLBACK;
          return (
            <li key={leak.id}>
              The {step.what} <span className="font-mono">{leak.targetLabel ?? ""}</span> was reported leaked
              {leak.url ? (
                <>
                  {" "}
                  at{" "}
                  <a href={leak.url} className="break-all underline underline-offset-4" rel="noreferrer noopener" target="_blank">
                    {leak.url}
                  </a>
                </>
              ) : null}{" "}
              on <DateTime value={leak.at} />. {step.next}
              {auditLog ? (
                <>
                  {" "}
                  <Link href="/admin/audit-log" className="underline underline-offset-4">
                    See the Audit Log
                  </Link>
                </>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
