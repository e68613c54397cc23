"use client";

import { useState } from "react";
import { toast } from "sonner";
import { FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { SecretRevealDialog } from "@/components/secrets/secret-reveal-dialog";
import { Field } from "@/components/ui/field";
import { webhookSecretReveal } from "@/components/webhooks/webhook-secret-reveal";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { createWebhookAction, type RevealedWebhookSecret } from "@/lib/actions/webhooks";
import { createWebhookSchema, type CreateWebhookInput } from "@/lib/validators/webhooks";
import type { Permission } from "@/lib/auth/permissions";
import type { WebhookEntity, WebhookOperation } from "@/lib/webhooks/constants";
import { entityChoices, operationsOf, WEBHOOK_TRIGGERS } from "@/lib/webhooks/subscriptions";

const DEFAULTS: CreateWebhookInput = { url: "", entity: "User", operationType: "Update" };

export interface AddWebhookDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  organization: string;
  permissions: readonly Permission[];
}

/**
 * Add webhook (loaded when first opened, see add-webhook-button.tsx): offers only the entities the person may see (the others disabled, with the reason) and, for the
 * chosen entity, only the operations some change emits, each saying which actions trigger it.
 */
export function AddWebhookDialog({ open, onOpenChange: setOpen, organization, permissions }: AddWebhookDialogProps) {
  const [created, setCreated] = useState<RevealedWebhookSecret | null>(null);
  const actionForm = useActionForm({
    schema: createWebhookSchema,
    defaultValues: DEFAULTS,
    action: createWebhookAction,
    onSuccess: (data) => {
      setOpen(false);
      setCreated(data);
      toast.success("Webhook added");
    },
  });
  const { form } = actionForm;
  const errors = form.formState.errors;
  const entity = form.watch("entity") as WebhookEntity;
  const operation = form.watch("operationType") as WebhookOperation;
  const choices = entityChoices(permissions);
  const refused = choices.filter((choice) => choice.refusal);
  const operations = operationsOf(entity);
  const entityField = form.register("entity");

  return (
    <>
      <FormDialog
        open={open}
        onOpenChange={setOpen}
        form={actionForm}
        title="Add webhook"
        description="Keyward will POST a signed JSON event to this URL each time the entity changes in this way, as far as your permissions let you see it."
        submitLabel="Add webhook"
        pendingLabel="Adding…"
      >
        <Field label="URL" id="webhook-url" error={errors.url?.message} description="https only.">
          <Input type="url" placeholder="https://example.com/webhooks/keyward" autoComplete="off" {...form.register("url")} />
        </Field>
        <Field
          label="Entity"
          id="webhook-entity"
          error={errors.entity?.message}
          description="PersonalApiKey and Webhook events are about your own key and webhooks (Administrators get everyone's)."
        >
          <NativeSelect
            className="w-full"
            {...entityField}
            onChange={(event) => {
              void entityField.onChange(event);
              // Keep an operation the new entity offers, so the form never holds a pair that nothing emits.
              const offered = operationsOf(event.target.value as WebhookEntity);
              if (!offered.includes(form.getValues("operationType"))) form.setValue("operationType", offered[0]!);
            }}
          >
            {choices.map((choice) => (
              <option key={choice.entity} value={choice.entity} disabled={choice.refusal !== null}>
                {choice.refusal ? `${choice.entity} (not available to you)` : choice.entity}
              </option>
            ))}
          </NativeSelect>
        </Field>
        {refused.length > 0 ? (
          <ul aria-label="Entities not available to you" className="grid gap-1 text-sm text-muted-foreground">
            {refused.map((choice) => (
              <li key={choice.entity}>{choice.refusal}</li>
            ))}
          </ul>
        ) : null}
        <Field
          label="Operation Type"
          id="webhook-operation"
          error={errors.operationType?.message}
          description={WEBHOOK_TRIGGERS[entity]?.[operation] ? `Triggered by: ${WEBHOOK_TRIGGERS[entity][operation]}.` : undefined}
        >
          <NativeSelect className="w-full" {...form.register("operationType")}>
            {operations.map((op) => (
              <option key={op} value={op}>
                {op}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </FormDialog>
      {created ? (
        <SecretRevealDialog open onOpenChange={(next) => !next && setCreated(null)} {...webhookSecretReveal(organization, created)} />
      ) : null}
    </>
  );
}
