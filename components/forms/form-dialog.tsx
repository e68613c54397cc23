"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { ActionDialog, type ActionDialogProps } from "./action-dialog";
import type { ActionForm } from "./use-action-form";

export interface FormDialogProps extends Omit<ActionDialogProps, "pending" | "action" | "role"> {
  /** From `useActionForm`: the dialog submits it, shows its pending state and form-level error, and resets it. */
  form: ActionForm;
  submitLabel: string;
  pendingLabel: string;
  /** Shown instead of the form's own form-level error, e.g. to include a group's error; `errorId` lets the group point to it. */
  error?: string;
  errorId?: string;
  /** The fields. */
  children: React.ReactNode;
}

/**
 * A dialog around one form: the fields, the form-level error, Cancel and submit. While the action runs the submit
 * button is disabled and the dialog refuses to close; opening or closing it resets the form.
 */
export function FormDialog({
  onOpenChange,
  form: { submit, pending, formError, reset },
  submitLabel,
  pendingLabel,
  error = formError,
  errorId,
  children,
  ...frame
}: FormDialogProps) {
  const formId = useId();
  return (
    <ActionDialog
      {...frame}
      pending={pending}
      onOpenChange={(next) => {
        reset();
        onOpenChange(next);
      }}
      action={
        <Button type="submit" form={formId} pending={pending} pendingLabel={pendingLabel}>
          {submitLabel}
        </Button>
      }
    >
      <form id={formId} onSubmit={submit} className="grid gap-4" noValidate>
        {children}
        <FormError message={error} id={errorId} />
      </form>
    </ActionDialog>
  );
}
