"use client";

import {
  AlertDialog,
  AlertDialogCancel,
  AlertDialogContent,
  AlertDialogDescription,
  AlertDialogFooter,
  AlertDialogHeader,
  AlertDialogTitle,
  AlertDialogTrigger,
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
  DialogTrigger,
} from "@/components/ui/dialog";

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
    Trigger: AlertDialogTrigger,
    Content: AlertDialogContent,
    Header: AlertDialogHeader,
    Title: AlertDialogTitle,
    Description: AlertDialogDescription,
    Footer: AlertDialogFooter,
    Cancel: AlertDialogCancel,
  },
  dialog: {
    Root: Dialog,
    Trigger: DialogTrigger,
    Content: DialogContent,
    Header: DialogHeader,
    Title: DialogTitle,
    Description: DialogDescription,
    Footer: DialogFooter,
    Cancel: DialogCancel,
  },
};

export interface ActionDialogProps {
  open: boolean;
  /** Not called while `pending`: the dialog refuses to close until the action has answered. */
  onOpenChange: (open: boolean) => void;
  pending: boolean;
  /**
   * "alertdialog" closes only through its buttons or Escape; "dialog" also has a close button and closes on a click
   * outside.
   */
  role?: "alertdialog" | "dialog";
  /** The dialog's accessible name. */
  title: string;
  /** Phrasing content: it is rendered inside a paragraph. */
  description: React.ReactNode;
  /** A button that opens the dialog, for dialogs that own their trigger. */
  trigger?: React.ReactNode;
  className?: string;
  /** The button that runs the action, after Cancel. */
  action: React.ReactNode;
  children?: React.ReactNode;
}

/** The frame of a dialog that runs one server action: title, description, body, then Cancel and the action's button. */
export function ActionDialog({
  open,
  onOpenChange,
  pending,
  role = "dialog",
  title,
  description,
  trigger,
  className,
  action,
  children,
}: ActionDialogProps) {
  const Ui = PARTS[role];
  return (
    <Ui.Root open={open} onOpenChange={(next) => !pending && onOpenChange(next)}>
      {trigger ? <Ui.Trigger asChild>{trigger}</Ui.Trigger> : null}
      <Ui.Content className={className}>
        <Ui.Header>
          <Ui.Title>{title}</Ui.Title>
          <Ui.Description>{description}</Ui.Description>
        </Ui.Header>
        {children}
        <Ui.Footer>
          <Ui.Cancel disabled={pending}>Cancel</Ui.Cancel>
          {action}
        </Ui.Footer>
      </Ui.Content>
    </Ui.Root>
  );
}
