"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import type { z } from "zod";
import { ApiKeyFields } from "@/components/api-keys/api-key-fields";
import { useActionForm } from "@/components/forms/use-action-form";
import { Button } from "@/components/ui/button";
import { Field } from "@/components/ui/field";
import { RateLimitFields } from "@/components/rate-limits/rate-limit-fields";
import { FormError } from "@/components/ui/form-error";
import { Textarea } from "@/components/ui/textarea";
import { updateApiKeyAction } from "@/lib/actions/api-keys";
import { editApiKeySchema, editLinkedApiKeySchema } from "@/lib/validators/api-keys";
import { rateLimitFormValue } from "@/lib/validators/rate-limits";

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
      // The textarea holds lines and the limit's fields text; the saved values come back as an array and a number.
      form.reset({
        ...(data as Input),
        allowedIps: (data.allowedIps ?? []).join("\n"),
        rateLimit: rateLimitFormValue(data.rateLimit ?? null),
      });
      router.refresh();
    },
  });

  const allowedIpsError = form.formState.errors.allowedIps?.message;
  return (
    <form onSubmit={submit} className="grid max-w-xl gap-4" noValidate aria-label="API key details">
      <ApiKeyFields
        form={form}
        allowWritePolicies={allowWritePolicies}
        people={people}
        disabled={readOnly || pending}
        policiesHint={linked ? "At least one policy is required for a linked key." : undefined}
      />
      <Field
        id="api-key-allowed-ips"
        label="Allowed IP addresses"
        description="Optional. One IPv4 or IPv6 address or CIDR range per line, such as 203.0.113.7 or 2001:db8::/32. Requests with this key from any other address are refused. Empty: any address."
        error={typeof allowedIpsError === "string" ? allowedIpsError : undefined}
      >
        <Textarea rows={3} spellCheck={false} className="font-mono text-xs" disabled={readOnly || pending} {...form.register("allowedIps")} />
      </Field>
      <RateLimitFields
        form={form}
        id="api-key-rate-limit"
        legend="Rate limit"
        description="Optional. At most this many requests with the key's access codes per second, minute or hour, across every server; more get 429 Too Many Requests until the window ends. Empty Requests: no limit."
        disabled={readOnly || pending}
      />
      <FormError message={formError} />
      {readOnly ? null : (
        <Button type="submit" className="w-fit" pending={pending} pendingLabel="Saving…">
          Save changes
        </Button>
      )}
    </form>
  );
}
