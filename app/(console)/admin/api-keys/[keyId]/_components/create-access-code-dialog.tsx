"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { AccessCodeRevealDialog } from "@/components/api-keys/access-code-reveal-dialog";
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
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { createAccessCodeAction, type RevealedCode } from "@/lib/actions/api-keys";
import { createAccessCodeSchema, MAX_CODE_VALIDITY_DAYS } from "@/lib/validators/api-keys";

type Input_ = z.input<typeof createAccessCodeSchema>;
type Output = z.output<typeof createAccessCodeSchema>;
const DEFAULTS: Input_ = { description: "", validDays: MAX_CODE_VALIDITY_DAYS };

export function CreateAccessCodeDialog({
  keyId,
  allowed,
  full,
  organization,
}: {
  keyId: string;
  allowed: boolean;
  full: boolean;
  organization: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [revealed, setRevealed] = useState<RevealedCode | null>(null);
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<Input_, unknown, Output>({ resolver: zodResolver(createAccessCodeSchema), defaultValues: DEFAULTS });
  const errors = form.formState.errors;

  function onOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (next) {
      form.reset(DEFAULTS);
      setFormError(undefined);
    }
  }

  const onSubmit = form.handleSubmit((values) => {
    setFormError(undefined);
    startTransition(async () => {
      const result = await createAccessCodeAction({ keyId, values });
      if (result.ok) {
        setOpen(false);
        setRevealed(result.data);
        toast.success("Access code created");
        return;
      }
      const field = Object.entries(result.fieldErrors ?? {}).find(([, m]) => m?.[0]);
      const name = field?.[0].replace(/^values\./, "");
      if (field && (name === "description" || name === "validDays")) {
        form.setError(name, { type: "server", message: field[1]![0] }, { shouldFocus: true });
      } else {
        setFormError(result.message);
      }
    });
  });

  return (
    <>
      <div className="grid justify-items-end gap-1">
        <GatedButton
          allowed={allowed}
          reason="You must be an Administrator to create access codes."
          role="administrator"
          onClick={() => onOpenChange(true)}
        >
          Create access code
        </GatedButton>
        {full && allowed ? (
          <p className="text-xs text-muted-foreground">This key has 2 access codes, the most it can have.</p>
        ) : null}
      </div>
      <Dialog open={open} onOpenChange={onOpenChange}>
        <DialogContent>
          <DialogHeader>
            <DialogTitle>Create access code</DialogTitle>
            <DialogDescription>The code is shown once, right after you save it.</DialogDescription>
          </DialogHeader>
          <form id="create-access-code" onSubmit={onSubmit} className="grid gap-4" noValidate>
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
            <FormError message={formError} />
          </form>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" form="create-access-code" disabled={pending}>
              {pending ? "Saving…" : "Save access code"}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
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
