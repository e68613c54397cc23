"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { z } from "zod";
import { ApiKeyFields } from "@/components/api-keys/api-key-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { updateApiKeyAction } from "@/lib/actions/api-keys";
import { editApiKeySchema, editLinkedApiKeySchema } from "@/lib/validators/api-keys";

type Input = z.input<typeof editApiKeySchema>;

/** The Details tab: the key's editable fields, saved in one audited change. */
export function ApiKeyDetailsForm({
  keyId,
  linked,
  readOnly,
  allowWritePolicies,
  people,
  values,
}: {
  keyId: string;
  linked: boolean;
  readOnly: boolean;
  allowWritePolicies: boolean;
  people: { id: string; name: string; email: string }[];
  values: Input;
}) {
  const router = useRouter();
  const { form, submit, pending, formError } = useActionForm({
    schema: linked ? editLinkedApiKeySchema : editApiKeySchema,
    defaultValues: values,
    action: (data) => updateApiKeyAction({ keyId, values: data }),
    fieldErrorPrefix: "values.",
    onSuccess: (_, data) => {
      toast.success("API key saved");
      form.reset(data as Input);
      router.refresh();
    },
  });

  return (
    <form onSubmit={submit} className="grid max-w-xl gap-4" noValidate aria-label="API key details">
      <ApiKeyFields
        form={form}
        allowWritePolicies={allowWritePolicies}
        people={people}
        disabled={readOnly || pending}
        policiesHint={linked ? "At least one policy is required for a linked key." : undefined}
      />
      <FormError message={formError} />
      {readOnly ? null : (
        <Button type="submit" className="w-fit" disabled={pending}>
          {pending ? "Saving…" : "Save changes"}
        </Button>
      )}
    </form>
  );
}
