"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useRouter } from "next/navigation";
import { useState, useTransition } from "react";
import { useForm, useWatch, type Path } from "react-hook-form";
import { toast } from "sonner";
import { AccessCodeRevealDialog } from "@/components/api-keys/access-code-reveal-dialog";
import { ApiKeyFields } from "@/components/api-keys/api-key-fields";
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
import { Label } from "@/components/ui/label";
import { createApiKeyAction, type RevealedCode } from "@/lib/actions/api-keys";
import {
  CUSTOM_KEY_MIN_LENGTH,
  createApiKeySchema,
  type CreateApiKeyData,
  type CreateApiKeyInput,
} from "@/lib/validators/api-keys";

const DEFAULTS: CreateApiKeyInput = {
  name: "",
  description: "",
  tags: [],
  policies: [],
  logRequests: false,
  logBodies: false,
  actsAsUserId: "",
  keyValue: "generated",
  customValue: "",
};

export function CreateApiKeyDialog({
  allowed,
  allowWritePolicies,
  people,
  organization,
}: {
  allowed: boolean;
  allowWritePolicies: boolean;
  people: { id: string; name: string; email: string }[];
  organization: string;
}) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [revealed, setRevealed] = useState<RevealedCode | null>(null);
  const [formError, setFormError] = useState<string>();
  const [pending, startTransition] = useTransition();
  const form = useForm<CreateApiKeyInput, unknown, CreateApiKeyData>({
    resolver: zodResolver(createApiKeySchema),
    defaultValues: DEFAULTS,
  });
  const keyValue = useWatch({ control: form.control, name: "keyValue" });
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
      const result = await createApiKeyAction(values);
      if (result.ok) {
        setOpen(false);
        setRevealed(result.data);
        toast.success(`API key ${result.data.keyName} created`);
        return;
      }
      let focused = false;
      for (const [field, messages] of Object.entries(result.fieldErrors ?? {})) {
        if (!messages?.[0] || !(field in DEFAULTS)) continue;
        form.setError(field as Path<CreateApiKeyInput>, { type: "server", message: messages[0] }, { shouldFocus: !focused });
        focused = true;
      }
      if (!focused) setFormError(result.message);
    });
  });

  return (
    <>
      <GatedButton
        allowed={allowed}
        reason="You must be an Administrator to create API keys."
        role="administrator"
        onClick={() => onOpenChange(true)}
      >
        Create API key
      </GatedButton>
      <Dialog open={open} onOpenChange={onOpenChange}>
        <DialogContent className="max-h-[90vh] overflow-y-auto sm:max-w-xl">
          <DialogHeader>
            <DialogTitle>Create API key</DialogTitle>
            <DialogDescription>
              Saving creates the key and its first access code, which is shown once.
            </DialogDescription>
          </DialogHeader>
          <form id="create-api-key" onSubmit={onSubmit} className="grid gap-4" noValidate>
            <ApiKeyFields form={form} allowWritePolicies={allowWritePolicies} people={people} disabled={pending} />
            <fieldset className="grid gap-2">
              <legend className="mb-2 text-sm leading-none font-medium">Key value</legend>
              <div className="flex gap-4">
                {(["generated", "custom"] as const).map((mode) => (
                  <div key={mode} className="flex items-center gap-2">
                    <input type="radio" id={`key-value-${mode}`} value={mode} {...form.register("keyValue")} />
                    <Label htmlFor={`key-value-${mode}`}>{mode === "generated" ? "Generated" : "Custom"}</Label>
                  </div>
                ))}
              </div>
              {keyValue === "custom" ? (
                <Field
                  id="custom-value"
                  label="Custom key value"
                  error={errors.customValue?.message}
                  description={`At least ${CUSTOM_KEY_MIN_LENGTH} characters; not one character repeated, not a sequence or a repeated pattern, and not a value already in use.`}
                >
                  <Input autoComplete="off" spellCheck={false} className="font-mono" {...form.register("customValue")} />
                </Field>
              ) : (
                <p className="text-sm text-muted-foreground">Keyward generates a kwak_ access code with a checksum.</p>
              )}
            </fieldset>
            <FormError message={formError} />
          </form>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" form="create-api-key" disabled={pending}>
              {pending ? "Saving…" : "Save API key"}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
      <AccessCodeRevealDialog
        revealed={revealed}
        organization={organization}
        onClose={() => {
          const keyId = revealed?.keyId;
          setRevealed(null);
          if (keyId) router.push(`/admin/api-keys/${keyId}`);
        }}
      />
    </>
  );
}
