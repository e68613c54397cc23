"use client";

import { useId, useState } from "react";
import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
} from "@/components/ui/alert-dialog";
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
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/errors";
import { useServerAction } from "./use-server-action";

export interface ConfirmDialogProps<T> {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The dialog's accessible name: names the action and its target. */
  title: string;
  /** The impact of the action. */
  description: React.ReactNode;
  /** More to read before confirming, e.g. a warning, shown under the description. */
  children?: React.ReactNode;
  confirmLabel: string;
  /** The confirm button's label while the action runs; it keeps `confirmLabel` without one. */
  pendingLabel?: string;
  destructive?: boolean;
  /**
   * "alertdialog" closes only through its buttons or Escape; "dialog" also has a close button and closes on a click
   * outside.
   */
  role?: "alertdialog" | "dialog";
  /** For irreversible actions: the confirm button stays disabled until exactly this phrase is typed. */
  confirmPhrase?: string;
  /** False when trying again cannot help: after a failure the confirm button stays disabled until the dialog reopens. */
  retryable?: boolean;
  /** Runs the action; the dialog closes on success and shows the failure's message inline. */
  onConfirm: () => Promise<ActionResult<T>>;
  onDone?: (data: T) => void;
}

function DialogCancel(props: React.ComponentProps<typeof Button>) {
  return (
    <DialogClose asChild>
      <Button type="button" variant="outline" {...props} />
    </DialogClose>
  );
}

const PARTS = {
  alertdialog: {
    Root: AlertDialog,
    Content: AlertDialogContent,
    Header: AlertDialogHeader,
    Title: AlertDialogTitle,
    Description: AlertDialogDescription,
    Footer: AlertDialogFooter,
    Cancel: AlertDialogCancel,
  },
  dialog: {
    Root: Dialog,
    Content: DialogContent,
    Header: DialogHeader,
    Title: DialogTitle,
    Description: DialogDescription,
    Footer: DialogFooter,
    Cancel: DialogCancel,
  },
};

/** One confirmation for a consequential action: names the target and its impact, refuses to close while pending. */
export function ConfirmDialog<T>({
  open,
  onOpenChange,
  title,
  description,
  children,
  confirmLabel,
  pendingLabel = confirmLabel,
  destructive = true,
  role = "alertdialog",
  confirmPhrase,
  retryable = true,
  onConfirm,
  onDone,
}: ConfirmDialogProps<T>) {
  const { run, pending, error, clearError } = useServerAction();
  const [typed, setTyped] = useState("");
  const phraseFormId = useId();
  const phraseFieldId = useId();
  const Ui = PARTS[role];
  const blocked =
    pending || (confirmPhrase !== undefined && typed !== confirmPhrase) || (!retryable && error !== undefined);

  function change(next: boolean) {
    if (pending) return;
    clearError();
    setTyped("");
    onOpenChange(next);
  }

  function confirm() {
    if (blocked) return;
    run(onConfirm, {
      onSuccess: (data) => {
        setTyped("");
        onOpenChange(false);
        onDone?.(data);
      },
    });
  }

  return (
    <Ui.Root open={open} onOpenChange={change}>
      <Ui.Content>
        <Ui.Header>
          <Ui.Title>{title}</Ui.Title>
          <Ui.Description asChild>
            <div className="grid gap-2">{description}</div>
          </Ui.Description>
        </Ui.Header>
        {children}
        {confirmPhrase === undefined ? (
          <FormError message={error} />
        ) : (
          <form
            id={phraseFormId}
            className="grid gap-3"
            onSubmit={(event) => {
              event.preventDefault();
              confirm();
            }}
          >
            <Field label={`Type ${confirmPhrase} to confirm`} id={phraseFieldId}>
              <Input autoComplete="off" spellCheck={false} value={typed} onChange={(event) => setTyped(event.target.value)} />
            </Field>
            <FormError message={error} />
          </form>
        )}
        <Ui.Footer>
          <Ui.Cancel disabled={pending}>Cancel</Ui.Cancel>
          <Button
            type={confirmPhrase === undefined ? "button" : "submit"}
            form={confirmPhrase === undefined ? undefined : phraseFormId}
            onClick={confirmPhrase === undefined ? confirm : undefined}
            variant={destructive ? "destructive" : "default"}
            disabled={blocked}
          >
            {pending ? pendingLabel : confirmLabel}
          </Button>
        </Ui.Footer>
      </Ui.Content>
    </Ui.Root>
  );
}
