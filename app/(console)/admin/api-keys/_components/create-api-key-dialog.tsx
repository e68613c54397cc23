"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useWatch } from "react-hook-form";
import { toast } from "sonner";
import { AccessCodeRevealDialog } from "@/components/api-keys/access-code-reveal-dialog";
import { ApiKeyFields } from "@/components/api-keys/api-key-fields";
import { FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { RadioCard } from "@/components/ui/radio-card";
import { createApiKeyAction, type RevealedCode } from "@/lib/actions/api-keys";
import { CUSTOM_KEY_MIN_LENGTH, createApiKeySchema, type CreateApiKeyInput } from "@/lib/validators/api-keys";

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

export interface CreateApiKeyDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  allowWritePolicies: boolean;
  people: { id: string; name: string; email: string }[];
  organization: string;
}

/** The Create API key form, then the first access code's reveal; loaded when first opened (create-api-key-button.tsx). */
export function CreateApiKeyDialog({ open, onOpenChange: setOpen, allowWritePolicies, people, organization }: CreateApiKeyDialogProps) {
  const router = useRouter();
  const [revealed, setRevealed] = useState<RevealedCode | null>(null);
  const actionForm = useActionForm({
    schema: createApiKeySchema,
    defaultValues: DEFAULTS,
    action: createApiKeyAction,
    onSuccess: (data) => {
      setOpen(false);
      setRevealed(data);
      toast.success(`API key ${data.keyName} created`);
    },
  });
  const { form, pending } = actionForm;
  const keyValue = useWatch({ control: form.control, name: "keyValue" });
  const errors = form.formState.errors;

  return (
    <>
      <FormDialog
        open={open}
        onOpenChange={setOpen}
        form={actionForm}
        title="Create API key"
        description="Saving creates the key and its first access code, which is shown once."
        submitLabel="Save API key"
        pendingLabel="Saving…"
        className="max-h-[90vh] overflow-y-auto sm:max-w-xl"
      >
        <ApiKeyFields form={form} allowWritePolicies={allowWritePolicies} people={people} disabled={pending} />
        <fieldset className="grid gap-2">
          <legend className="mb-2 text-sm leading-none font-medium">Key value</legend>
          <div className="grid grid-cols-2 gap-2">
            {(["generated", "custom"] as const).map((mode) => (
              <RadioCard
                key={mode}
                id={`key-value-${mode}`}
                value={mode}
                label={mode === "generated" ? "Generated" : "Custom"}
                {...form.register("keyValue")}
              />
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
      </FormDialog>
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
