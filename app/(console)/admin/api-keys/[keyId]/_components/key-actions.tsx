"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { KeyConfirmDialogs, type KeyConfirmation } from "@/components/api-keys/key-confirm-dialogs";
import { GatedButton } from "@/components/permissions/gated-button";

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
  const [confirming, setConfirming] = useState<KeyConfirmation>(null);

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
      <KeyConfirmDialogs
        keyId={keyId}
        keyName={keyName}
        confirming={confirming}
        onClose={() => setConfirming(null)}
        onArchived={() => router.refresh()}
        onDeleted={() => router.push("/admin/api-keys")}
      />
    </div>
  );
}
