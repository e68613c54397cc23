"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { Controller, useForm, type Path } from "react-hook-form";
import { toast } from "sonner";
import { PolicyPicker } from "@/components/api-keys/policy-picker";
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
import { linkApiKeyAction } from "@/lib/actions/api-keys";
import { linkApiKeySchema, type LinkApiKeyData, type LinkApiKeyInput } from "@/lib/validators/api-keys";

const DEFAULTS: LinkApiKeyInput = { sourceKeyId: "", name: "", policies: [] };

export function LinkApiKeyDialog({
  allowed,
  allowWritePolicies,
  organizationSlug,
}: {
  allowed: boolean;
  allowWritePolicies: boolean;
  organizationSlug: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<LinkApiKeyInput, unknown, LinkApiKeyData>({
    resolver: zodResolver(linkApiKeySchema),
    defaultValues: DEFAULTS,
  });
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
      const result = await linkApiKeyAction(values);
      if (result.ok) {
        setOpen(false);
        toast.success("API key linked");
        router.push(`/admin/api-keys/${result.data.keyId}`);
        return;
      }
      let focused = false;
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (!messages?.[0] || !(field in DEFAULTS)) continue;
        form.setError(field as Path<LinkApiKeyInput>, { type: "server", message: messages[0] }, { shouldFocus: !focused });
        focused = true;
      }
      if (!focused) setFormError(result.message);
    });
  });

  return (
    <>
      <GatedButton
        allowed={allowed}
        reason="You must be an Administrator to link API keys."
        role="administrator"
        variant="outline"
        onClick={() => onOpenChange(true)}
      >
        Link existing API key
      </GatedButton>
      <Dialog open={open} onOpenChange={onOpenChange}>
        <DialogContent className="sm:max-w-lg">
          <DialogHeader>
            <DialogTitle>Link existing API key</DialogTitle>
            <DialogDescription>
              Use another organisation&apos;s key here. Its access codes then act in this organisation, within the
              policies you choose, when requests carry the header X-Keyward-Account: {organizationSlug}.
            </DialogDescription>
          </DialogHeader>
          <form id="link-api-key" onSubmit={onSubmit} className="grid gap-4" noValidate>
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
            <FormError message={formError} />
          </form>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" form="link-api-key" disabled={pending}>
              {pending ? "Linking…" : "Link API key"}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
    </>
  );
}
