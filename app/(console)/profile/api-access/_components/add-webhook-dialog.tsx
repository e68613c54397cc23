"use client";

import { useState } from "react";
import { toast } from "sonner";
import { FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { GatedButton } from "@/components/permissions/gated-button";
import { secretFileText } from "@/components/secrets/secret-file";
import { SecretRevealDialog } from "@/components/secrets/secret-reveal-dialog";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { createWebhookAction, type CreatedWebhook } from "@/lib/actions/webhooks";
import { createWebhookSchema, type CreateWebhookInput } from "@/lib/validators/webhooks";
import { WEBHOOK_ENTITIES, WEBHOOK_OPERATIONS } from "@/lib/webhooks/constants";

const DEFAULTS: CreateWebhookInput = { url: "", entity: "User", operationType: "Update" };

export function AddWebhookDialog({ organization, allowed }: { organization: string; allowed: boolean }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
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

  return (
    <>
      <GatedButton allowed={allowed} reason="You cannot create webhooks." role="administrator" onClick={() => setOpen(true)}>
        Add webhook
      </GatedButton>
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
        <Field label="Entity" id="webhook-entity" error={errors.entity?.message}>
          <NativeSelect className="w-full" {...form.register("entity")}>
            {WEBHOOK_ENTITIES.map((entity) => (
              <option key={entity} value={entity}>
                {entity}
              </option>
            ))}
          </NativeSelect>
        </Field>
        <Field label="Operation Type" id="webhook-operation" error={errors.operationType?.message}>
          <NativeSelect className="w-full" {...form.register("operationType")}>
            {WEBHOOK_OPERATIONS.map((operation) => (
              <option key={operation} value={operation}>
                {operation}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </FormDialog>
      {created ? (
        <SecretRevealDialog
          open
          docs="reference-heading"
          onOpenChange={(next) => !next && setCreated(null)}
          title="Webhook signing secret"
          description={<>Verify each delivery to {created.url} with this secret (Standard Webhooks signatures).</>}
          warning="Lost signing secrets cannot be recovered; delete the webhook and add it again."
          values={[{ label: "Signing secret", value: created.secret, secret: true, copyLabel: "Copy signing secret" }]}
          download={{
            filename: "keyward-webhook-signing-secret.txt",
            content: secretFileText({
              title: "Webhook signing secret",
              organization,
              values: [
                { label: "Webhook URL", value: created.url },
                { label: "Signing secret", value: created.secret },
              ],
              createdAt: new Date(created.createdAt),
              usage: [
                "Each delivery carries the headers webhook-id, webhook-timestamp and webhook-signature (v1,<base64>).",
                "Verify them with a Standard Webhooks library, e.g. new Webhook(secret).verify(body, headers).",
              ],
            }),
          }}
        />
      ) : null}
    </>
  );
}
