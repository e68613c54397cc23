"use client";

import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/forms/confirm-dialog";
import { Button } from "@/components/ui/button";
import { Switch } from "@/components/ui/switch";
import { TableCell } from "@/components/ui/table";
import { deleteAccessCodeAction, setAccessCodeEnabledAction } from "@/lib/actions/api-keys";
import { EditAccessCodeDialog } from "./edit-access-code-dialog";

/** A code's Enabled switch, its description editor and, once it is off, its delete button with a confirmation. */
export function AccessCodeControls({
  keyId,
  code,
  allowed,
}: {
  keyId: string;
  code: { id: string; prefix: string; description: string; enabled: boolean };
  allowed: boolean;
}) {
  const router = useRouter();
  const [enabled, setEnabled] = useState(code.enabled);
  const [confirming, setConfirming] = useState(false);
  const [pending, startTransition] = useTransition();

  function toggle(next: boolean) {
    setEnabled(next);
    startTransition(async () => {
      const result = await setAccessCodeEnabledAction({ keyId, codeId: code.id, enabled: next });
      if (!result.ok) {
        setEnabled(!next);
        toast.error(result.message);
        return;
      }
      toast.success(next ? `Access code ${code.prefix} enabled` : `Access code ${code.prefix} disabled`);
      router.refresh();
    });
  }

  return (
    <>
      <TableCell>
        <Switch
          aria-label="Enabled"
          aria-description={`Access code ${code.prefix}`}
          checked={enabled}
          disabled={!allowed || pending}
          onCheckedChange={toggle}
        />
      </TableCell>
      <TableCell className="space-x-2 text-right whitespace-nowrap">
        {allowed ? <EditAccessCodeDialog keyId={keyId} code={code} /> : null}
        {!enabled && allowed ? (
          <Button variant="outline" size="sm" onClick={() => setConfirming(true)} disabled={pending}>
            Delete access code
          </Button>
        ) : null}
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
      </TableCell>
    </>
  );
}
