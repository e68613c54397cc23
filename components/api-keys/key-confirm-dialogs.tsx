"use client";

import { toast } from "sonner";
import { ConfirmDialog } from "@/components/forms/confirm-dialog";
import { archiveApiKeyAction, deleteApiKeyAction } from "@/lib/actions/api-keys";

export type KeyConfirmation = "archive" | "delete" | null;

/**
 * The confirmations of Archive key (immediate revoke, stays listed) and Delete key (cannot be undone), shared by the
 * key's page and the API Keys table's row menu so both say the same thing and call the same actions.
 */
export function KeyConfirmDialogs({
  keyId,
  keyName,
  confirming,
  onClose,
  onArchived,
  onDeleted,
}: {
  keyId: string;
  keyName: string;
  confirming: KeyConfirmation;
  onClose: () => void;
  onArchived: () => void;
  onDeleted: () => void;
}) {
  const close = (open: boolean) => !open && onClose();
  return (
    <>
      <ConfirmDialog
        role="dialog"
        open={confirming === "archive"}
        onOpenChange={close}
        title={`Archive ${keyName}?`}
        description="Its access codes stop working on the very next request, and every integration using them gets authentication errors. The key stays listed as Archived, with who archived it and when."
        confirmLabel="Archive key"
        onConfirm={() => archiveApiKeyAction({ keyId })}
        onDone={() => {
          toast.success(`${keyName} archived`);
          onArchived();
        }}
      />
      <ConfirmDialog
        role="dialog"
        open={confirming === "delete"}
        onOpenChange={close}
        title={`Delete ${keyName}?`}
        description="The key and its access codes are deleted for good; this cannot be undone. Any integration relying on it stops working, and links to it from other organisations are removed."
        confirmLabel="Delete key"
        onConfirm={() => deleteApiKeyAction({ keyId })}
        onDone={() => {
          toast.success(`${keyName} deleted`);
          onDeleted();
        }}
      />
    </>
  );
}
