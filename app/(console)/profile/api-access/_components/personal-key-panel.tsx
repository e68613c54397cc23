"use client";

import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/forms/confirm-dialog";
import { useServerAction } from "@/components/forms/use-server-action";
import { DateTime } from "@/components/date-time";
import { GatedButton } from "@/components/permissions/gated-button";
import { secretFileText } from "@/components/secrets/secret-file";
import { SecretRevealDialog } from "@/components/secrets/secret-reveal-on-demand";
import { FormError } from "@/components/ui/form-error";
import {
  enablePersonalApiKeyAction,
  regeneratePersonalApiKeyAction,
  turnOffPersonalApiKeyAction,
  type IssuedPersonalKey,
} from "@/lib/actions/personal-api-keys";
import { allowedLifetimes, type PersonalKeyLifetime } from "@/lib/personal-key-lifetimes";
import type { ExpiryState } from "@/lib/expiry/thresholds";
import { ExpiryNotice } from "./expiry-notice";
import { KeyLifetimeChoice } from "./key-lifetime-choice";

export interface PersonalKeyPanelProps {
  organization: string;
  allowed: boolean;
  canManage: boolean;
  /** Maximum personal key lifetime in days; null is No limit. */
  maxDays: number | null;
  status: "enabled" | "turned_off" | "regenerated" | "cleared" | "none";
  keyInfo: {
    prefix: string;
    createdAt: string;
    expiresAt: string | null;
    /** Where the expiry stands, by the server's clock. */
    expiry: ExpiryState | null;
    lastUsedAt: string | null;
    revokedAt: string | null;
    revokedByLabel: string | null;
    /** Cleared by Keyward itself, on a secret-scanning partner's report, rather than by an administrator. */
    revokedByKeyward: boolean;
  } | null;
}

const CANNOT = "You cannot manage a personal API key.";

export function PersonalKeyPanel({ organization, allowed, canManage, maxDays, status, keyInfo }: PersonalKeyPanelProps) {
  const [revealed, setRevealed] = useState<IssuedPersonalKey | null>(null);
  // The longest lifetime allowed is the default.
  const [lifetime, setLifetime] = useState<PersonalKeyLifetime>(allowedLifetimes(maxDays)[0]!);
  const lifetimeChoice = <KeyLifetimeChoice value={lifetime} onChange={setLifetime} maxDays={maxDays} />;
  const [confirm, setConfirm] = useState<"regenerate" | "turn_off" | null>(null);
  const { run, pending, error } = useServerAction();

  const enabled = status === "enabled" && keyInfo;
  const cleared = status === "cleared" && keyInfo;

  return (
    <div className="grid gap-4">
      {enabled ? (
        <>
          <dl className="grid grid-cols-[10rem_1fr] gap-x-4 gap-y-3 text-sm">
            <dt className="text-muted-foreground">Key</dt>
            <dd className="font-mono">{keyInfo.prefix}…</dd>
            <dt className="text-muted-foreground">Enabled on</dt>
            <dd>
              <DateTime value={keyInfo.createdAt} />
            </dd>
            <dt className="text-muted-foreground">Expires</dt>
            <dd>{keyInfo.expiresAt ? <DateTime value={keyInfo.expiresAt} /> : "No expiry"}</dd>
            <dt className="text-muted-foreground">Last used</dt>
            <dd>{keyInfo.lastUsedAt ? <DateTime value={keyInfo.lastUsedAt} /> : "Never"}</dd>
          </dl>
          {keyInfo.expiresAt && keyInfo.expiry ? <ExpiryNotice expiresAt={keyInfo.expiresAt} state={keyInfo.expiry} /> : null}
          {!allowed ? (
            <p role="status" className="text-sm text-destructive">
              Personal API keys are turned off for {organization}: this key is refused until an Administrator allows
              them again.
            </p>
          ) : null}
          <div className="flex flex-wrap gap-2">
            <GatedButton
              allowed={canManage && allowed}
              reason={allowed ? CANNOT : "Personal API keys are turned off for your organisation."}
              role="administrator"
              variant="outline"
              data-main-control
              onClick={() => setConfirm("regenerate")}
            >
              Regenerate New Key
            </GatedButton>
            <GatedButton
              allowed={canManage}
              reason={CANNOT}
              role="administrator"
              variant="destructive"
              onClick={() => setConfirm("turn_off")}
            >
              Turn off API access
            </GatedButton>
          </div>
        </>
      ) : (
        <div className="grid gap-3">
          {cleared ? (
            <p role="status" className="rounded-md border border-warning/40 bg-warning/10 px-3 py-2 text-sm">
              {cleared.revokedByKeyward ? "Keyward" : `An administrator, ${cleared.revokedByLabel ?? "someone"},`} cleared your
              API key
              {cleared.revokedAt ? (
                <>
                  {" "}
                  on <DateTime value={cleared.revokedAt} />
                </>
              ) : null}
              {cleared.revokedByKeyward ? " because a secret-scanning partner found it in public" : ""}. Every link using it now
              fails.{" "}
              {allowed ? (
                "Regenerate a new key to get API access back."
              ) : (
                <NotAllowedReason organization={organization} />
              )}
            </p>
          ) : allowed ? (
            <p className="text-sm text-muted-foreground">
              {status === "turned_off"
                ? "You turned off your API access. Enable it again to get a new key; the old one stays invalid."
                : "API access is off. Enable it to get a personal API key that acts as you, with your current permissions."}
            </p>
          ) : (
            <p role="status" className="text-sm text-muted-foreground">
              {status === "turned_off" ? "You turned off your API access. " : null}
              <NotAllowedReason organization={organization} />
            </p>
          )}
          {allowed ? (
            <div className="grid justify-items-start gap-3">
              {canManage ? lifetimeChoice : null}
              <GatedButton
                allowed={canManage}
                reason={CANNOT}
                role="administrator"
                pending={pending}
                pendingLabel={cleared ? "Regenerating…" : "Enabling…"}
                data-main-control
                onClick={() =>
                  run(() => (cleared ? regeneratePersonalApiKeyAction : enablePersonalApiKeyAction)({ lifetime }), {
                    onSuccess: setRevealed,
                  })
                }
              >
                {cleared ? "Regenerate New Key" : "Enable API access"}
              </GatedButton>
            </div>
          ) : null}
        </div>
      )}
      <FormError message={error} />

      <ConfirmDialog
        open={confirm === "regenerate"}
        onOpenChange={(open) => setConfirm(open ? "regenerate" : null)}
        title="Regenerate your API key?"
        description={
          <>
            <span>
              A new key replaces {keyInfo?.prefix ?? "your key"}…. Every link using the old key fails at once, until
              you give it the new one.
            </span>
          </>
        }
        confirmLabel="Regenerate New Key"
        pendingLabel="Regenerating…"
        onConfirm={() => regeneratePersonalApiKeyAction({ lifetime })}
        onDone={setRevealed}
      >
        {lifetimeChoice}
      </ConfirmDialog>
      <ConfirmDialog
        open={confirm === "turn_off"}
        onOpenChange={(open) => setConfirm(open ? "turn_off" : null)}
        title="Turn off API access?"
        description={<span>Your key {keyInfo?.prefix ?? ""}… stops working at once, and every link using it fails.</span>}
        confirmLabel="Turn off API access"
        pendingLabel="Turning off…"
        onConfirm={turnOffPersonalApiKeyAction}
        onDone={() => toast.success("API access turned off")}
      />
      {revealed ? (
        <SecretRevealDialog
          open
          docs="personal-keys"
          onOpenChange={(open) => !open && setRevealed(null)}
          title="Your personal API key"
          description="It acts as you, with your current permissions, through the Keyward API."
          warning="Lost keys cannot be recovered; you can regenerate a new one."
          values={[{ label: "Personal API key", value: revealed.secret, secret: true, copyLabel: "Copy personal API key" }]}
          download={{
            filename: "keyward-personal-api-key.txt",
            content: secretFileText({
              title: "Personal API key",
              organization,
              values: [
                { label: "Personal API key", value: revealed.secret },
                { label: "Key prefix", value: revealed.prefix },
                { label: "Expires", value: revealed.expiresAt ?? "No expiry" },
              ],
              createdAt: new Date(revealed.createdAt),
              usage: [
                "Send it in the X-API-Key header:  X-API-Key: <key>",
                "or as a bearer token:             Authorization: Bearer <key>",
                "GET /api/v1/me tells who the key acts as.",
              ],
            }),
          }}
        />
      ) : null}
    </div>
  );
}

/** Why there is no button: the one message a person without a key reads while personal keys are turned off. */
function NotAllowedReason({ organization }: { organization: string }) {
  return (
    <>
      Personal API keys are turned off for {organization}, so you cannot get a key until an Administrator allows them
      again in Administration → Settings.
    </>
  );
}

