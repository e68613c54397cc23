"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { updateAccessCodeAction } from "@/lib/actions/api-keys";
import { editAccessCodeSchema } from "@/lib/validators/api-keys";

/** The access code's description, edited from its row's menu; the code itself never changes. */
export function EditAccessCodeDialog({
  keyId,
  code,
  open,
  onOpenChange: setOpen,
}: {
  keyId: string;
  code: { id: string; prefix: string; description: string };
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const router = useRouter();
  const actionForm = useActionForm({
    schema: editAccessCodeSchema,
    defaultValues: { description: code.description },
    action: (values) => updateAccessCodeAction({ keyId, codeId: code.id, values }),
    fieldErrorPrefix: "values.",
    onSuccess: () => {
      setOpen(false);
      toast.success(`Access code ${code.prefix} saved`);
      router.refresh();
    },
  });
  const { form, pending } = actionForm;

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      form={actionForm}
      title={`Edit access code ${code.prefix}`}
      description="Only the description changes; the code and its expiry stay as they are."
      submitLabel="Save access code"
      pendingLabel="Saving…"
    >
      <Field id={`code-description-${code.id}`} label="Description" error={form.formState.errors.description?.message}>
        <Input autoComplete="off" disabled={pending} {...form.register("description")} />
      </Field>
    </FormDialog>
  );
}
