"use client";

import { TriangleAlert } from "lucide-react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/forms/confirm-dialog";
import { deleteCompanyCredentialsAction } from "@/lib/actions/company-credentials";
import { DELETE_CONFIRMATION } from "@/lib/validators/company-credentials";

export interface DeleteCredentialsDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The pair about to be deleted, named in the dialog; null once it is gone. */
  clientId: string | null;
}

export function DeleteCredentialsDialog({ open, onOpenChange, clientId }: DeleteCredentialsDialogProps) {
  return (
    <ConfirmDialog
      role="dialog"
      open={open}
      onOpenChange={onOpenChange}
      title="Delete API credentials"
      description={
        clientId ? (
          <span>
            You are about to delete the credentials with client id <code className="font-mono">{clientId}</code>.
          </span>
        ) : (
          "Your company's API credentials."
        )
      }
      confirmLabel="Delete API credentials"
      confirmPhrase={DELETE_CONFIRMATION}
      onConfirm={() => deleteCompanyCredentialsAction({ confirmation: DELETE_CONFIRMATION })}
      onDone={() => toast.success("API credentials deleted")}
    >
      <p className="flex items-start gap-2 rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
        <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
        <span>
          <strong>Important:</strong> deleting your API credentials will break all current API connections for
          everyone in your company. The connections will not work while the API credentials are deleted; they work
          again only once new credentials are generated and put in place.
        </span>
      </p>
    </ConfirmDialog>
  );
}
