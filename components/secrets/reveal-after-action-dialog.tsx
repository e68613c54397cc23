"use client";

import { useState } from "react";
import { useServerAction } from "@/components/forms/use-server-action";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { pendingLabelFor } from "@/components/forms/pending-label";
import type { ConfirmDialogProps } from "@/components/forms/confirm-dialog";
import { KEEP_OPEN, SecretReveal, type SecretRevealProps } from "./secret-reveal-dialog";

export interface RevealAfterActionDialogProps<T>
  extends Pick<
    ConfirmDialogProps<T>,
    "open" | "onOpenChange" | "title" | "description" | "children" | "confirmLabel" | "pendingLabel" | "retryable" | "onConfirm"
  > {
  /** What to reveal of the action's answer: the secret, shown once, in this same dialog. */
  reveal: (data: T) => SecretRevealProps;
}

/**
 * A dialog that runs the action making a secret and then shows that secret in its place, as one pop-up window:
 * the person confirms, and the same dialog turns into the secret reveal (then only Done closes it).
 */
export function RevealAfterActionDialog<T>({
  open,
  onOpenChange,
  title,
  description,
  children,
  confirmLabel,
  pendingLabel = pendingLabelFor(confirmLabel),
  retryable = true,
  onConfirm,
  reveal,
}: RevealAfterActionDialogProps<T>) {
  const { run, pending, error, clearError } = useServerAction();
  const [made, setMade] = useState<{ data: T } | null>(null);
  const blocked = pending || (!retryable && error !== undefined);

  function close() {
    clearError();
    setMade(null);
    onOpenChange(false);
  }

  return (
    <Dialog open={open} onOpenChange={(next) => !next && !pending && !made && close()}>
      <DialogContent showCloseButton={!made} className="sm:max-w-xl" {...(made ? KEEP_OPEN : {})}>
        {made ? (
          <SecretReveal {...reveal(made.data)} onDone={close} />
        ) : (
          <>
            <DialogHeader>
              <DialogTitle>{title}</DialogTitle>
              <DialogDescription>{description}</DialogDescription>
            </DialogHeader>
            {children}
            <FormError message={error} />
            <DialogFooter>
              <DialogClose asChild>
                <Button type="button" variant="outline" disabled={pending}>
                  Cancel
                </Button>
              </DialogClose>
              <Button
                type="button"
                disabled={blocked}
                pending={pending}
                pendingLabel={pendingLabel}
                onClick={() => run(onConfirm, { onSuccess: (data) => setMade({ data }) })}
              >
                {confirmLabel}
              </Button>
            </DialogFooter>
          </>
        )}
      </DialogContent>
    </Dialog>
  );
}
