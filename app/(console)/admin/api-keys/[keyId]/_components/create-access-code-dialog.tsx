"use client";

import { useRouter } from "next/navigation";
import { useId, useState } from "react";
import { toast } from "sonner";
import { AccessCodeRevealDialog } from "@/components/api-keys/access-code-reveal-dialog";
import { FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { GatedButton } from "@/components/permissions/gated-button";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { createAccessCodeAction, type RevealedCode } from "@/lib/actions/api-keys";
import {
  ACCESS_CODES_PER_KEY,
  createAccessCodeSchema,
  MAX_CODE_VALIDITY_DAYS,
  type CreateAccessCodeInput,
} from "@/lib/validators/api-keys";

/**
 * Create access code, or — from an expiring code's notice — Create the next access code, with the description
 * pre-filled after the code it replaces. Either way the key's limit of codes holds.
 */
export function CreateAccessCodeDialog({
  keyId,
  allowed,
  full,
  organization,
  label = "Create access code",
  description = "",
}: {
  keyId: string;
  allowed: boolean;
  full: boolean;
  organization: string;
  label?: string;
  description?: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const fullReasonId = useId();
  const [revealed, setRevealed] = useState<RevealedCode | null>(null);
  const actionForm = useActionForm({
    schema: createAccessCodeSchema,
    defaultValues: { description, validDays: MAX_CODE_VALIDITY_DAYS } satisfies CreateAccessCodeInput,
    action: (values) => createAccessCodeAction({ keyId, values }),
    fieldErrorPrefix: "values.",
    onSuccess: (data) => {
      setOpen(false);
      setRevealed(data);
      toast.success("Access code created");
    },
  });
  const { form, pending } = actionForm;
  const errors = form.formState.errors;

  return (
    <>
      <div className="grid justify-items-end gap-1">
        {allowed && full ? (
          <>
            <Button disabled aria-describedby={fullReasonId}>
              {label}
            </Button>
            {/* Codes count until they are deleted, expired ones too: the limit is on rows, not on working codes. */}
            <p id={fullReasonId} className="max-w-xs text-right text-xs text-muted-foreground">
              This key has {ACCESS_CODES_PER_KEY} access codes, the most it can have. Expired codes count until they
              are deleted: switch one off and delete it to create another.
            </p>
          </>
        ) : (
          <GatedButton
            allowed={allowed}
            reason="You must be an Administrator to create access codes."
            role="administrator"
            data-main-control
            onClick={() => setOpen(true)}
          >
            {label}
          </GatedButton>
        )}
      </div>
      <FormDialog
        open={open}
        onOpenChange={setOpen}
        form={actionForm}
        title="Create access code"
        description="The code is shown once, right after you save it."
        submitLabel="Save access code"
        pendingLabel="Saving…"
      >
        <Field id="code-description" label="Description" error={errors.description?.message}>
          <Input autoComplete="off" disabled={pending} {...form.register("description")} />
        </Field>
        <Field
          id="code-valid-days"
          label="Valid for (days)"
          error={errors.validDays?.message}
          description={`At most ${MAX_CODE_VALIDITY_DAYS} days.`}
        >
          <Input type="number" min={1} max={MAX_CODE_VALIDITY_DAYS} disabled={pending} {...form.register("validDays")} />
        </Field>
      </FormDialog>
      <AccessCodeRevealDialog
        revealed={revealed}
        organization={organization}
        onClose={() => {
          setRevealed(null);
          router.refresh();
        }}
      />
    </>
  );
}
