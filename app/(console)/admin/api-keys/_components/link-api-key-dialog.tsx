"use client";

import { useRouter } from "next/navigation";
import { Controller } from "react-hook-form";
import { toast } from "sonner";
import { PolicyPicker } from "@/components/api-keys/policy-picker";
import { FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { linkApiKeyAction } from "@/lib/actions/api-keys";
import { linkApiKeySchema, type LinkApiKeyInput } from "@/lib/validators/api-keys";

const DEFAULTS: LinkApiKeyInput = { sourceKeyId: "", name: "", policies: [] };

export interface LinkApiKeyDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  allowWritePolicies: boolean;
  organizationSlug: string;
}

/** The Link existing API key form; loaded when first opened (link-api-key-button.tsx). */
export function LinkApiKeyDialog({ open, onOpenChange: setOpen, allowWritePolicies, organizationSlug }: LinkApiKeyDialogProps) {
  const router = useRouter();
  const actionForm = useActionForm({
    schema: linkApiKeySchema,
    defaultValues: DEFAULTS,
    action: linkApiKeyAction,
    onSuccess: ({ keyId }) => {
      setOpen(false);
      toast.success("API key linked");
      router.push(`/admin/api-keys/${keyId}`);
    },
  });
  const { form, pending } = actionForm;
  const errors = form.formState.errors;

  return (
      <FormDialog
        open={open}
        onOpenChange={setOpen}
        form={actionForm}
        title="Link existing API key"
        description={
          <>
            Use another organisation&apos;s key here. Its access codes then act in this organisation, within the
            policies you choose, when requests carry the header X-Keyward-Account: {organizationSlug}.
          </>
        }
        submitLabel="Link API key"
        pendingLabel="Linking…"
      >
        <Field
          id="link-source"
          label="API Key ID"
          error={errors.sourceKeyId?.message}
          description="The kwk_… id the key's owner gives you."
        >
          <Input autoComplete="off" spellCheck={false} className="font-mono" disabled={pending} {...form.register("sourceKeyId")} />
        </Field>
        <Field id="link-name" label="Name" error={errors.name?.message} description="Optional; how the link is listed here.">
          <Input autoComplete="off" disabled={pending} {...form.register("name")} />
        </Field>
        <Controller
          control={form.control}
          name="policies"
          render={({ field }) => (
            <PolicyPicker
              value={field.value ?? []}
              onChange={field.onChange}
              allowWritePolicies={allowWritePolicies}
              error={errors.policies?.message}
              hint="At least one policy is required for a linked key."
              disabled={pending}
            />
          )}
        />
      </FormDialog>
  );
}
