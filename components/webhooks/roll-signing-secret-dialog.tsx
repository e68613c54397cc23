"use client";

import { RevealAfterActionDialog } from "@/components/secrets/reveal-after-action-dialog";
import { rollWebhookSecretAction } from "@/lib/actions/webhooks";
import { webhookSecretReveal } from "./webhook-secret-reveal";

export interface RollSigningSecretDialogProps {
  /** The webhook to roll; null closes the dialog. */
  webhook: { id: string; url: string } | null;
  onOpenChange: (open: boolean) => void;
  organization: string;
}

/**
 * Roll signing secret: one confirmation naming the webhook and what the receiver must do, then the new secret, shown
 * once in the same dialog. No grace period: the old secret stops signing at once, which is what a leak needs.
 */
export function RollSigningSecretDialog({ webhook, onOpenChange, organization }: RollSigningSecretDialogProps) {
  return (
    <RevealAfterActionDialog
      open={webhook !== null}
      onOpenChange={onOpenChange}
      title={`Roll the signing secret of ${webhook?.url ?? "this webhook"}?`}
      description={
        <>
          A new signing secret replaces the current one at once: every delivery from now on, retries included, is signed
          with the new secret, and the receiver rejects them until it verifies with the new one. Switch the receiver to
          the new secret as soon as it is shown.
        </>
      }
      confirmLabel="Roll signing secret"
      pendingLabel="Rolling…"
      onConfirm={() => rollWebhookSecretAction({ webhookId: webhook!.id })}
      reveal={(made) => webhookSecretReveal(organization, made)}
    />
  );
}
