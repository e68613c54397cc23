"use client";

import { useId, useState } from "react";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import type { ActionResult } from "@/lib/errors";
import { pendingLabelFor } from "./pending-label";
import { ActionDialog, type ActionDialogProps } from "./action-dialog";
import { useServerAction } from "./use-server-action";

export interface ConfirmDialogProps<T> extends Pick<ActionDialogProps, "open" | "onOpenChange" | "role" | "title"> {
  /** The impact of the action (phrasing content). */
  description: React.ReactNode;
  /** More to read before confirming, e.g. a warning, shown under the description. */
  children?: React.ReactNode;
  confirmLabel: string;
  /** The confirm button's label while the action runs; by default the -ing form of its verb ("Deleting…"). */
  pendingLabel?: string;
  destructive?: boolean;
  /** For irreversible actions: the confirm button stays disabled until exactly this phrase is typed. */
  confirmPhrase?: string;
  /** False when trying again cannot help: after a failure the confirm button stays disabled until the dialog reopens. */
  retryable?: boolean;
  /** Runs the action; the dialog closes on success and shows the failure's message inline. */
  onConfirm: () => Promise<ActionResult<T>>;
  onDone?: (data: T) => void;
}

/** One confirmation for a consequential action: names the target and its impact, refuses to close while pending. */
export function ConfirmDialog<T>({
  open,
  onOpenChange,
  title,
  description,
  children,
  confirmLabel,
  pendingLabel = pendingLabelFor(confirmLabel),
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
  const blocked =
    pending || (confirmPhrase !== undefined && typed !== confirmPhrase) || (!retryable && error !== undefined);

  function change(next: boolean) {
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
    <ActionDialog
      role={role}
      open={open}
      onOpenChange={change}
      pending={pending}
      title={title}
      description={description}
      action={
        <Button
          type={confirmPhrase === undefined ? "button" : "submit"}
          form={confirmPhrase === undefined ? undefined : phraseFormId}
          onClick={confirmPhrase === undefined ? confirm : undefined}
          variant={destructive ? "destructive" : "default"}
          disabled={blocked}
          pending={pending}
          pendingLabel={pendingLabel}
        >
          {confirmLabel}
        </Button>
      }
    >
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
    </ActionDialog>
  );
}
