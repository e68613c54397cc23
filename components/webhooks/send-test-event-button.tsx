"use client";

import { useId, useTransition } from "react";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { sendWebhookTestEventAction } from "@/lib/actions/webhooks";
import { TEST_EVENT_TYPE, WEBHOOK_OFF_TEST } from "@/lib/webhooks/constants";

/** Queues a signed test delivery to the webhook's URL; greyed, with the reason, while the webhook is Off. */
export function SendTestEventButton({ webhookId, on }: { webhookId: string; on: boolean }) {
  const [pending, startTransition] = useTransition();
  const reasonId = useId();
  return (
    <div className="grid justify-items-start gap-1.5">
      <Button
        variant="outline"
        size="sm"
        disabled={!on || pending}
        aria-describedby={on ? undefined : reasonId}
        onClick={() =>
          startTransition(async () => {
            const result = await sendWebhookTestEventAction({ webhookId });
            if (result.ok) toast.success(`Test event queued: it shows below as ${TEST_EVENT_TYPE}`);
            else toast.error(result.message);
          })
        }
      >
        Send test event
      </Button>
      {on ? null : (
        <p id={reasonId} className="text-sm text-muted-foreground">
          {WEBHOOK_OFF_TEST}
        </p>
      )}
    </div>
  );
}
