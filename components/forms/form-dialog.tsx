"use client";

import { useId } from "react";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogClose,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import type { ActionForm } from "./use-action-form";

export interface FormDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** From `useActionForm`: the dialog submits it, shows its pending state and form-level error, and resets it. */
  form: ActionForm;
  /** The dialog's accessible name. */
  title: string;
  description: React.ReactNode;
  submitLabel: string;
  pendingLabel: string;
  /** A button that opens the dialog, for dialogs that own their trigger. */
  trigger?: React.ReactNode;
  /** Shown instead of the form's own form-level error, e.g. to include a group's error; `errorId` lets the group point to it. */
  error?: string;
  errorId?: string;
  className?: string;
  /** The fields. */
  children: React.ReactNode;
}

/**
 * A dialog around one form: title, description, the fields, the form-level error, Cancel and submit. While the
 * action runs the submit button is disabled and the dialog refuses to close; opening or closing it resets the form.
 */
export function FormDialog({
  open,
  onOpenChange,
  form: { submit, pending, formError, reset },
  title,
  description,
  submitLabel,
  pendingLabel,
  trigger,
  error = formError,
  errorId,
  className,
  children,
}: FormDialogProps) {
  const formId = useId();

  function change(next: boolean) {
    if (pending) return;
    reset();
    onOpenChange(next);
  }

  return (
    <Dialog open={open} onOpenChange={change}>
      {trigger ? <DialogTrigger asChild>{trigger}</DialogTrigger> : null}
      <DialogContent className={className}>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>{description}</DialogDescription>
        </DialogHeader>
        <form id={formId} onSubmit={submit} className="grid gap-4" noValidate>
          {children}
          <FormError message={error} id={errorId} />
        </form>
        <DialogFooter>
          <DialogClose asChild>
            <Button type="button" variant="outline" disabled={pending}>
              Cancel
            </Button>
          </DialogClose>
          <Button type="submit" form={formId} disabled={pending}>
            {pending ? pendingLabel : submitLabel}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
