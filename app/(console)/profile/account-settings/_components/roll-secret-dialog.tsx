"use client";

import { useState } from "react";
import type { SecretRevealProps } from "@/components/secrets/secret-reveal-dialog";
import { RevealAfterActionDialog } from "@/components/secrets/reveal-after-action-dialog";
import { GracePeriodChoice } from "@/components/secrets/grace-period-choice";
import { rollClientSecretAction, type GeneratedCredentials } from "@/lib/actions/company-credentials";
import type { RollGracePeriod } from "@/lib/validators/roll-grace";

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
      <GracePeriodChoice legend="The previous secret keeps working for" hints={GRACE_HINTS} value={grace} onChange={setGrace} />
    </RevealAfterActionDialog>
  );
}
