"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm, type Path } from "react-hook-form";
import { toast } from "sonner";
import type { z } from "zod";
import { ApiKeyFields } from "@/components/api-keys/api-key-fields";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { updateApiKeyAction } from "@/lib/actions/api-keys";
import { editApiKeySchema } from "@/lib/validators/api-keys";

type Input = z.input<typeof editApiKeySchema>;
type Output = z.output<typeof editApiKeySchema>;

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
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<Input, unknown, Output>({ resolver: zodResolver(editApiKeySchema), defaultValues: values });

  const onSubmit = form.handleSubmit((data) => {
    setFormError(undefined);
    if (linked && data.policies.length === 0) {
      form.setError("policies", { type: "manual", message: "Choose at least one policy: a linked key needs one." });
      return;
    }
    startTransition(async () => {
      const result = await updateApiKeyAction({ keyId, values: data });
      if (result.ok) {
        toast.success("API key saved");
        form.reset(data as Input);
        router.refresh();
        return;
      }
      let focused = false;
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        const name = field.replace(/^values\./, "");
        if (!messages?.[0] || !(name in values)) continue;
        form.setError(name as Path<Input>, { type: "server", message: messages[0] }, { shouldFocus: !focused });
        focused = true;
      }
      if (!focused) setFormError(result.message);
    });
  });

  return (
    <form onSubmit={onSubmit} className="grid max-w-xl gap-4" noValidate aria-label="API key details">
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
