"use client";

import { useRouter } from "next/navigation";
import { toast } from "sonner";
import { useActionForm } from "@/components/forms/use-action-form";
import { RateLimitFields } from "@/components/rate-limits/rate-limit-fields";
import { Button } from "@/components/ui/button";
import { Card, CardContent } from "@/components/ui/card";
import { FormError } from "@/components/ui/form-error";
import { updatePersonalKeyRateLimitAction } from "@/lib/actions/settings";
import { rateLimitFormValue, type RateLimitFormValue } from "@/lib/validators/rate-limits";
import { updatePersonalKeyRateLimitSchema } from "@/lib/validators/settings";

/** Rate limit for personal keys: a number and a unit, so it is saved with a button rather than on change. */
export function PersonalKeyRateLimitSetting({ value }: { value: RateLimitFormValue }) {
  const router = useRouter();
  const { form, submit, pending, formError } = useActionForm({
    schema: updatePersonalKeyRateLimitSchema,
    defaultValues: { rateLimit: value },
    action: (data) => updatePersonalKeyRateLimitAction(data),
    onSuccess: (_, data) => {
      toast.success("Settings saved");
      form.reset({ rateLimit: rateLimitFormValue(data.rateLimit) });
      router.refresh();
    },
  });
  return (
    <Card>
      <CardContent>
        <form onSubmit={submit} className="grid gap-4" noValidate aria-label="Rate limit for personal keys">
          <RateLimitFields
            form={form}
            id="setting-personal-key-rate-limit"
            legend="Rate limit for personal keys"
            description="At most this many requests per second, minute or hour with each person's personal API key, across every server; more get 429 Too Many Requests until the window ends. Empty Requests: no limit."
            disabled={pending}
          />
          <FormError message={formError} />
          <Button type="submit" className="w-fit" pending={pending} pendingLabel="Saving…">
            Save rate limit
          </Button>
        </form>
      </CardContent>
    </Card>
  );
}
