"use client";

import { useState } from "react";
import { toast } from "sonner";
import { ConfirmDialog } from "@/components/forms/confirm-dialog";
import { GatedButton } from "@/components/permissions/gated-button";
import { clearPersonalApiKeyAction } from "@/lib/actions/personal-api-keys";

export function ClearApiKeyButton({ person, allowed }: { person: { id: string; name: string }; allowed: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <GatedButton
        allowed={allowed}
        reason="You must be an Administrator to clear people's API keys."
        role="administrator"
        variant="destructive"
        onClick={() => setOpen(true)}
      >
        Clear API Key
      </GatedButton>
      <ConfirmDialog
        open={open}
        onOpenChange={setOpen}
        title={`Clear the API key of ${person.name}?`}
        description={
          <>
            <span>
              The key fails at once, and every link using it with it. {person.name} will have to regenerate a new key to
              get API access back.
            </span>
          </>
        }
        confirmLabel="Clear API Key"
        pendingLabel="Clearing…"
        onConfirm={() => clearPersonalApiKeyAction({ userId: person.id })}
        onDone={() => toast.success(`API key of ${person.name} cleared`)}
      />
    </>
  );
}
