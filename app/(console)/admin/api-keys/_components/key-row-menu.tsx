"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { KeyConfirmDialogs, type KeyConfirmation } from "@/components/api-keys/key-confirm-dialogs";
import { RowActions } from "@/components/data-table/row-actions";
import { DropdownMenuItem, DropdownMenuSeparator } from "@/components/ui/dropdown-menu";

/**
 * A key's row menu in the API Keys table: Edit opens the key's Details, Archive key and Delete key the same
 * confirmations as the key's page. The trigger is named after the key, so each row's menu has its own name.
 */
export function KeyRowMenu({
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
  return (
    <>
      <RowActions label={`Actions for ${keyName}`}>
        <DropdownMenuItem asChild>
          <Link href={`/admin/api-keys/${keyId}`}>Edit</Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        {archived ? null : (
          <DropdownMenuItem disabled={!allowed} onSelect={() => setConfirming("archive")}>
            Archive key
          </DropdownMenuItem>
        )}
        <DropdownMenuItem variant="destructive" disabled={!allowed} onSelect={() => setConfirming("delete")}>
          Delete key
        </DropdownMenuItem>
      </RowActions>
      <KeyConfirmDialogs
        keyId={keyId}
        keyName={keyName}
        confirming={confirming}
        onClose={() => setConfirming(null)}
        onArchived={() => router.refresh()}
        onDeleted={() => router.refresh()}
      />
    </>
  );
}
