"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { TriangleAlert } from "lucide-react";
import { useState, useTransition } from "react";
import { useForm, useWatch } from "react-hook-form";
import { toast } from "sonner";
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
import { deleteCompanyCredentialsAction } from "@/lib/actions/company-credentials";
import {
  DELETE_CONFIRMATION,
  deleteCompanyCredentialsSchema,
  type DeleteCompanyCredentialsInput,
} from "@/lib/validators/company-credentials";

interface DeleteCredentialsDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** The pair about to be deleted, named in the dialog; null once it is gone. */
  clientId: string | null;
}

export function DeleteCredentialsDialog({ open, onOpenChange, clientId }: DeleteCredentialsDialogProps) {
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string>();
  const form = useForm<DeleteCompanyCredentialsInput>({
    resolver: zodResolver(deleteCompanyCredentialsSchema),
    defaultValues: { confirmation: "" },
  });
  const confirmed = useWatch({ control: form.control, name: "confirmation" }) === DELETE_CONFIRMATION;

  function changeOpen(next: boolean) {
    if (pending) return;
    form.reset({ confirmation: "" });
    setFormError(undefined);
    onOpenChange(next);
  }

  const onSubmit = form.handleSubmit((values) => {
    setFormError(undefined);
    startTransition(async () => {
      const result = await deleteCompanyCredentialsAction(values);
      if (result.ok) {
        form.reset({ confirmation: "" });
        onOpenChange(false);
        toast.success("API credentials deleted");
        return;
      }
      const fieldError = result.fieldErrors?.confirmation?.[0];
      if (fieldError) form.setError("confirmation", { type: "server", message: fieldError }, { shouldFocus: true });
      else setFormError(result.message);
    });
  });

  return (
    <Dialog open={open} onOpenChange={changeOpen}>
      <DialogContent
        onEscapeKeyDown={(event) => pending && event.preventDefault()}
        onInteractOutside={(event) => pending && event.preventDefault()}
      >
        <DialogHeader>
          <DialogTitle>Delete API credentials</DialogTitle>
          <DialogDescription>
            {clientId ? (
              <>
                You are about to delete the credentials with client id <code className="font-mono">{clientId}</code>.
              </>
            ) : (
              "Your company's API credentials."
            )}
          </DialogDescription>
        </DialogHeader>
        <p className="flex items-start gap-2 rounded-md border border-destructive/40 bg-destructive/10 px-3 py-2 text-sm">
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0 text-destructive" />
          <span>
            <strong>Important:</strong> deleting your API credentials will break all current API connections for
            everyone in your company. The connections will not work while the API credentials are deleted; they work
            again only once new credentials are generated and put in place.
          </span>
        </p>
        <form id="delete-credentials" onSubmit={onSubmit} className="grid gap-3">
          <Field label="Type DELETE to confirm" id="delete-confirmation" error={form.formState.errors.confirmation?.message}>
            <Input autoComplete="off" spellCheck={false} {...form.register("confirmation")} />
          </Field>
          <FormError message={formError} />
        </form>
        <DialogFooter>
          <Button type="button" variant="outline" onClick={() => changeOpen(false)} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form="delete-credentials" variant="destructive" disabled={!confirmed || pending}>
            Delete API credentials
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
