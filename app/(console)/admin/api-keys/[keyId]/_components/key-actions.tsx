"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { GatedButton } from "@/components/permissions/gated-button";
import { Button } from "@/components/ui/button";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { archiveApiKeyAction, deleteApiKeyAction } from "@/lib/actions/api-keys";

type Pending = "archive" | "delete" | null;

/** Archive key (immediate revoke, stays listed) and Delete key (cannot be undone), each behind one confirmation. */
export function KeyActions({
  keyId,
  keyName,
  archived,
  allowed,
}: {
  keyId: string;
  keyName: string;
  archived: boolean;
  allowed: boolean;
}) {
  const router = useRouter();
  const [open, setOpen] = useState<Pending>(null);
  const [error, setError] = useState<string>();
  const [pending, startTransition] = useTransition();

  function onOpenChange(next: boolean) {
    if (pending) return;
    if (!next) setOpen(null);
    setError(undefined);
  }

  function confirm() {
    const which = open;
    startTransition(async () => {
      const result =
        which === "archive" ? await archiveApiKeyAction({ keyId }) : await deleteApiKeyAction({ keyId });
      if (!result.ok) {
        setError(result.message);
        return;
      }
      setOpen(null);
      if (which === "archive") {
        toast.success(`${keyName} archived`);
        router.refresh();
      } else {
        toast.success(`${keyName} deleted`);
        router.push("/admin/api-keys");
      }
    });
  }

  const reason = "You must be an Administrator to archive or delete API keys.";
  return (
    <div className="flex gap-2">
      {archived ? null : (
        <GatedButton allowed={allowed} reason={reason} role="administrator" variant="outline" onClick={() => setOpen("archive")}>
          Archive key
        </GatedButton>
      )}
      <GatedButton allowed={allowed} reason={reason} role="administrator" variant="destructive" onClick={() => setOpen("delete")}>
        Delete key
      </GatedButton>
      <Dialog open={open !== null} onOpenChange={onOpenChange}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>{open === "archive" ? `Archive ${keyName}?` : `Delete ${keyName}?`}</DialogTitle>
            <DialogDescription>
              {open === "archive"
                ? "Its access codes stop working on the very next request, and every integration using them gets authentication errors. The key stays listed as Archived, with who archived it and when."
                : "The key and its access codes are deleted for good; this cannot be undone. Any integration relying on it stops working, and links to it from other organisations are removed."}
            </DialogDescription>
          </DialogHeader>
          <FormError message={error} />
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="button" variant="destructive" onClick={confirm} disabled={pending}>
              {open === "archive" ? "Archive key" : "Delete key"}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </div>
  );
}
