"use client";

import { useId, useState } from "react";
import type { SecretRevealProps } from "@/components/secrets/secret-reveal-dialog";
import { RevealAfterActionDialog } from "@/components/secrets/reveal-after-action-dialog";
import { rollClientSecretAction, type GeneratedCredentials } from "@/lib/actions/company-credentials";
import { ROLL_GRACE_PERIODS, type RollGracePeriod } from "@/lib/validators/company-credentials";

export interface RollSecretDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  clientId: string | null;
  reveal: (credentials: GeneratedCredentials) => SecretRevealProps;
}

const GRACE_HINTS: Record<RollGracePeriod, string> = {
  now: "The previous secret and its access tokens stop at once.",
  "1h": "Enough to update one integration.",
  "24h": "Time to update every integration during a working day.",
  "7d": "For integrations that someone else deploys.",
};

/**
 * Rolls the client secret without an outage: the client id stays, a new secret is shown once in this dialog, and the
 * previous secret keeps working for the chosen time so integrations can move to the new one.
 */
export function RollSecretDialog({ open, onOpenChange, clientId, reveal }: RollSecretDialogProps) {
  const [grace, setGrace] = useState<RollGracePeriod>("24h");
  const groupId = useId();
  return (
    <RevealAfterActionDialog
      open={open}
      onOpenChange={(next) => {
        if (!next) setGrace("24h");
        onOpenChange(next);
      }}
      title="Roll client secret"
      description={
        <>
          A new client secret replaces the current one{clientId ? <> of <code className="font-mono">{clientId}</code></> : null};
          the client id stays the same. Until the previous secret stops, both obtain access tokens.
        </>
      }
      confirmLabel="Roll client secret"
      pendingLabel="Rolling…"
      onConfirm={() => rollClientSecretAction({ grace })}
      reveal={reveal}
    >
      <fieldset className="grid gap-2">
        <legend className="mb-1 text-sm font-medium">
          The previous secret keeps working for
        </legend>
        {(Object.keys(ROLL_GRACE_PERIODS) as RollGracePeriod[]).map((value) => (
          <div key={value} className="grid grid-cols-[auto_1fr] items-start gap-x-2 text-sm">
            <input
              type="radio"
              id={`${groupId}-${value}`}
              name={`${groupId}-grace`}
              value={value}
              checked={grace === value}
              onChange={() => setGrace(value)}
              className="mt-1"
              aria-describedby={`${groupId}-${value}-hint`}
            />
            <label htmlFor={`${groupId}-${value}`}>{ROLL_GRACE_PERIODS[value].label}</label>
            <p id={`${groupId}-${value}-hint`} className="col-start-2 text-muted-foreground">
              {GRACE_HINTS[value]}
            </p>
          </div>
        ))}
      </fieldset>
    </RevealAfterActionDialog>
  );
}
