"use client";

import { useState } from "react";
import { onDemand, preloadOn } from "@/components/forms/on-demand";
import { GatedButton } from "@/components/permissions/gated-button";
import type { AddWebhookDialogProps } from "./add-webhook-dialog";

const AddWebhookDialog = onDemand<AddWebhookDialogProps>(
  () => import("./add-webhook-dialog").then((m) => m.AddWebhookDialog),
  (props) => props.open,
);

/** Add webhook; the form arrives when it is first opened. */
export function AddWebhookButton({ allowed, ...dialog }: { allowed: boolean } & Omit<AddWebhookDialogProps, "open" | "onOpenChange">) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <GatedButton
        allowed={allowed}
        reason="You cannot create webhooks."
        role="administrator"
        data-main-control
        {...preloadOn(AddWebhookDialog)}
        onClick={() => setOpen(true)}
      >
        Add webhook
      </GatedButton>
      <AddWebhookDialog open={open} onOpenChange={setOpen} {...dialog} />
    </>
  );
}
