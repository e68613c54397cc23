"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/forms/confirm-dialog";
import { RowActions } from "@/components/data-table/row-actions";
import { DropdownMenuItem } from "@/components/ui/dropdown-menu";
import { Switch } from "@/components/ui/switch";
import { deleteAccessCodeAction, setAccessCodeEnabledAction } from "@/lib/actions/api-keys";
import { usedRecently } from "@/lib/api-keys/recent-use";
import { EditAccessCodeDialog } from "./edit-access-code-dialog";

/**
 * A code's Enabled switch and its row menu: Edit description and, once the code is off, Delete access code with a
 * confirmation. One component holds both, so the menu offers Delete as soon as the switch goes off.
 * Switching off a code used in the last 24 hours asks first, as Archive does: an integration is probably still
 * sending it and starts getting 401 at once.
 */
export function AccessCodeControls({
  keyId,
  code,
  allowed,
}: {
  keyId: string;
  code: { id: string; prefix: string; description: string; enabled: boolean; lastUsedAt: string | null };
  allowed: boolean;
}) {
  const router = useRouter();
  const [enabled, setEnabled] = useState(code.enabled);
  const [confirming, setConfirming] = useState(false);
  const [editing, setEditing] = useState(false);
  const [confirmingDisable, setConfirmingDisable] = useState(false);
  const [pending, startTransition] = useTransition();

  function disabledToast() {
    toast.success(`Access code ${code.prefix} disabled`);
    router.refresh();
  }

  function toggle(next: boolean) {
    if (!next && usedRecently(code.lastUsedAt, Date.now())) {
      setConfirmingDisable(true);
      return;
    }
    setEnabled(next);
    startTransition(async () => {
      const result = await setAccessCodeEnabledAction({ keyId, codeId: code.id, enabled: next });
      if (!result.ok) {
        setEnabled(!next);
        toast.error(result.message);
        return;
      }
      if (!next) return disabledToast();
      toast.success(`Access code ${code.prefix} enabled`);
      router.refresh();
    });
  }

  return (
    <span className="inline-flex items-center gap-2">
      <Switch
        aria-label="Enabled"
        aria-description={`Access code ${code.prefix}`}
        checked={enabled}
        disabled={!allowed || pending}
        onCheckedChange={toggle}
      />
      {allowed ? (
        <>
          <RowActions label={`Actions for access code ${code.prefix}`}>
            <DropdownMenuItem onSelect={() => setEditing(true)}>Edit description</DropdownMenuItem>
            {enabled ? null : (
              <DropdownMenuItem variant="destructive" disabled={pending} onSelect={() => setConfirming(true)}>
                Delete access code
              </DropdownMenuItem>
            )}
          </RowActions>
          <EditAccessCodeDialog keyId={keyId} code={code} open={editing} onOpenChange={setEditing} />
        </>
      ) : null}
      <ConfirmDialog
        open={confirmingDisable}
        onOpenChange={setConfirmingDisable}
        title={`Disable access code ${code.prefix}?`}
        description={`Integrations using ${code.prefix}… will get 401 from their next request. This code was used in the last 24 hours.`}
        confirmLabel="Disable access code"
        onConfirm={() => setAccessCodeEnabledAction({ keyId, codeId: code.id, enabled: false })}
        onDone={() => {
          setEnabled(false);
          disabledToast();
        }}
      />
      <ConfirmDialog
        role="dialog"
        open={confirming}
        onOpenChange={setConfirming}
        title={`Delete access code ${code.prefix}?`}
        description="This cannot be undone. Every service still holding this code will be refused."
        confirmLabel="Delete access code"
        onConfirm={() => deleteAccessCodeAction({ keyId, codeId: code.id })}
        onDone={() => {
          toast.success(`Access code ${code.prefix} deleted`);
          router.refresh();
        }}
      />
    </span>
  );
}
