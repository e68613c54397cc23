"use client";

import { useState } from "react";
import { GracePeriodChoice } from "@/components/secrets/grace-period-choice";
import { RevealAfterActionDialog } from "@/components/secrets/reveal-after-action-dialog";
import { rollWebhookSecretAction } from "@/lib/actions/webhooks";
import type { RollGracePeriod } from "@/lib/validators/roll-grace";
import { webhookSecretReveal } from "./webhook-secret-reveal";

export interface RollSigningSecretDialogProps {
  /** The webhook to roll; null closes the dialog. */
  webhook: { id: string; url: string } | null;
  onOpenChange: (open: boolean) => void;
  organization: string;
}

const GRACE_HINTS: Record<RollGracePeriod, string> = {
  now: "Deliveries carry the new signature alone at once: the choice for a leaked secret.",
  "1h": "Enough to deploy the new secret to the receiver.",
  "24h": "Time to switch the receiver during a working day.",
  "7d": "For a receiver that someone else deploys.",
};

/**
 * Roll signing secret: one confirmation naming the webhook, what the receiver must do and how long the current secret
 * keeps signing beside the new one (both signatures travel in each delivery meanwhile), then the new secret, shown
 * once in the same dialog.
 */
export function RollSigningSecretDialog({ webhook, onOpenChange, organization }: RollSigningSecretDialogProps) {
  const [grace, setGrace] = useState<RollGracePeriod>("24h");
  return (
    <RevealAfterActionDialog
      open={webhook !== null}
      onOpenChange={(open) => {
        if (!open) setGrace("24h");
        onOpenChange(open);
      }}
      title={`Roll the signing secret of ${webhook?.url ?? "this webhook"}?`}
      description={
        <>
          A new signing secret replaces the current one: every delivery from now on, retries included, is signed with it.
          Until the current secret stops, each delivery carries both signatures, so the receiver accepts it with either
          secret; after that, it rejects deliveries until it verifies with the new one.
        </>
      }
      confirmLabel="Roll signing secret"
      pendingLabel="Rolling…"
      onConfirm={() => rollWebhookSecretAction({ webhookId: webhook!.id, grace })}
      reveal={(made) => webhookSecretReveal(organization, made)}
    >
      <GracePeriodChoice legend="The current secret keeps signing for" hints={GRACE_HINTS} value={grace} onChange={setGrace} />
    </RevealAfterActionDialog>
  );
}
