"use client";

import { useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { resendWebhookDeliveryAction } from "@/lib/actions/webhooks";

export function ResendButton({ deliveryId }: { deliveryId: string }) {
  const [pending, startTransition] = useTransition();
  return (
    <Button
      variant="outline"
      size="sm"
      disabled={pending}
      onClick={() =>
        startTransition(async () => {
          const result = await resendWebhookDeliveryAction({ deliveryId });
          if (result.ok) toast.success("Delivery queued again");
          else toast.error(result.message);
        })
      }
    >
      Resend
    </Button>
  );
}
