"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/forms/confirm-dialog";
import { GatedButton } from "@/components/permissions/gated-button";
import { archiveApiKeyAction, deleteApiKeyAction } from "@/lib/actions/api-keys";

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
  const [confirming, setConfirming] = useState<"archive" | "delete" | null>(null);
  const close = (open: boolean) => !open && setConfirming(null);

  const reason = "You must be an Administrator to archive or delete API keys.";
  return (
    <div className="flex gap-2">
      {archived ? null : (
        <GatedButton allowed={allowed} reason={reason} role="administrator" variant="outline" onClick={() => setConfirming("archive")}>
          Archive key
        </GatedButton>
      )}
      <GatedButton allowed={allowed} reason={reason} role="administrator" variant="destructive" onClick={() => setConfirming("delete")}>
        Delete key
      </GatedButton>
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
          router.refresh();
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
          router.push("/admin/api-keys");
        }}
      />
    </div>
  );
}
