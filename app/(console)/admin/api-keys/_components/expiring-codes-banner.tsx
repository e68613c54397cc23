import Link from "next/link";
import { DateTime } from "@/components/date-time";
import { EXPIRY_SOON_DAYS } from "@/lib/expiry/thresholds";

interface ExpiringCode {
  id: string;
  prefix: string;
  description: string;
  expiresAt: Date;
  keyId: string;
  keyName: string;
}

/** "2 access codes expire within 14 days", each linked to its key's Access Codes tab, where the next one is made. */
export function ExpiringCodesBanner({ codes }: { codes: ExpiringCode[] }) {
  if (codes.length === 0) return null;
  const headingId = "expiring-codes-heading";
  return (
    <section aria-labelledby={headingId} className="grid gap-2 rounded-md border border-warning/40 bg-warning/10 px-4 py-3 text-sm">
      <h2 id={headingId} className="font-medium">
        {codes.length === 1 ? "1 access code expires" : `${codes.length} access codes expire`} within {EXPIRY_SOON_DAYS}{" "}
        days
      </h2>
      <ul className="grid gap-1">
        {codes.map((code) => (
          <li key={code.id}>
            <Link href={`/admin/api-keys/${code.keyId}/access-codes`} className="font-medium underline underline-offset-4">
              {code.keyName}: <span className="font-mono">{code.prefix}</span>
              {code.description ? ` (${code.description})` : null}
            </Link>{" "}
            expires on <DateTime value={code.expiresAt} />.
          </li>
        ))}
      </ul>
      <p className="text-muted-foreground">Create the next access code on each key&apos;s Access Codes tab before these stop working.</p>
    </section>
  );
}
