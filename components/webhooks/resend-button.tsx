"use client";

import { useId, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { resendWebhookDeliveryAction } from "@/lib/actions/webhooks";
import { WEBHOOK_OFF_RESEND } from "@/lib/webhooks/constants";

/**
 * Resend for a failed delivery. An Off webhook sends nothing, so there the only offer is to switch it On and resend;
 * the server refuses a plain resend to an Off webhook all the same.
 */
export function ResendButton({ deliveryId, webhookOn }: { deliveryId: string; webhookOn: boolean }) {
  const [pending, startTransition] = useTransition();
  const noteId = useId();
  return (
    <span className="grid justify-items-end gap-1">
      <Button
        variant="outline"
        size="sm"
        disabled={pending}
        aria-describedby={webhookOn ? undefined : noteId}
        onClick={() =>
          startTransition(async () => {
            const result = await resendWebhookDeliveryAction({ deliveryId, switchOn: !webhookOn });
            if (result.ok) toast.success(webhookOn ? "Delivery queued again" : "Webhook switched On and delivery queued again");
            else toast.error(result.message);
          })
        }
      >
        {webhookOn ? "Resend" : "Switch On and resend"}
      </Button>
      {webhookOn ? null : (
        <span id={noteId} className="text-xs text-muted-foreground">
          {WEBHOOK_OFF_RESEND}
        </span>
      )}
    </span>
  );
}
