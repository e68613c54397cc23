import { DateTime } from "@/components/date-time";
import { CreateAccessCodeDialog } from "./create-access-code-dialog";

interface ExpiringCode {
  id: string;
  prefix: string;
  description: string;
  expiresAt: Date;
  expired: boolean;
}

interface AccessCodeExpiryNoticesProps {
  keyId: string;
  codes: ExpiringCode[];
  allowed: boolean;
  full: boolean;
  organization: string;
}

/** Keeps the pre-filled description within the 500 characters a description may have. */
const nextDescription = (description: string) => `${(description || "Access code").slice(0, 490)} (next)`;

/**
 * One notice per code that expires soon (or has expired), above the table, each with Create the next access code:
 * the usual create flow, its description pre-filled. When the key already has its most codes, the button is greyed
 * with the reason.
 */
export function AccessCodeExpiryNotices({ keyId, codes, allowed, full, organization }: AccessCodeExpiryNoticesProps) {
  if (codes.length === 0) return null;
  return (
    <ul aria-label="Expiry notices" className="grid gap-2">
      {codes.map((code) => (
        <li
          key={code.id}
          className="flex flex-wrap items-start justify-between gap-3 rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm"
        >
          <p role="status">
            The access code <span className="font-mono">{code.prefix}</span>
            {code.description ? <> ({code.description})</> : null} {code.expired ? "expired on" : "expires on"}{" "}
            <DateTime value={code.expiresAt} />. Create the next access code and move every integration to it before
            this one stops working.
          </p>
          <CreateAccessCodeDialog
            keyId={keyId}
            allowed={allowed}
            full={full}
            organization={organization}
            label="Create the next access code"
            description={nextDescription(code.description)}
          />
        </li>
      ))}
    </ul>
  );
}
