"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { useForm } from "react-hook-form";
import { toast } from "sonner";
import { GatedButton } from "@/components/permissions/gated-button";
import { secretFileText } from "@/components/secrets/secret-file";
import { SecretRevealDialog } from "@/components/secrets/secret-reveal-dialog";
import { Button } from "@/components/ui/button";
import { Dialog, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@/components/ui/dialog";
import { Field } from "@/components/ui/field";
import { FormError } from "@/components/ui/form-error";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { createWebhookAction, type CreatedWebhook } from "@/lib/actions/webhooks";
import { createWebhookSchema, type CreateWebhookInput } from "@/lib/validators/webhooks";
import { WEBHOOK_ENTITIES, WEBHOOK_OPERATIONS } from "@/lib/webhooks/constants";


export function AddWebhookDialog({ organization, allowed }: { organization: string; allowed: boolean }) {
  const [open, setOpen] = useState(false);
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string>();
  const form = useForm<CreateWebhookInput>({
    resolver: zodResolver(createWebhookSchema),
    defaultValues: { url: "", entity: "User", operationType: "Update" },
  });
  const errors = form.formState.errors;

  function onOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (next) {
      form.reset();
      setFormError(undefined);
    }
  }

  const onSubmit = form.handleSubmit((values) => {
    setFormError(undefined);
    startTransition(async () => {
      const result = await createWebhookAction(values);
      if (result.ok) {
        setOpen(false);
        setCreated(result.data);
        toast.success("Webhook added");
        return;
      }
      let focused = false;
      for (const field of ["url", "entity", "operationType"] as const) {
        const message = result.fieldErrors?.[field]?.[0];
        if (message) {
          form.setError(field, { type: "server", message }, { shouldFocus: !focused });
          focused = true;
        }
      }
      if (!focused) setFormError(result.message);
    });
  });

  return (
    <>
      <GatedButton allowed={allowed} reason="You cannot create webhooks." role="administrator" onClick={() => onOpenChange(true)}>
        Add webhook
      </GatedButton>
      <Dialog open={open} onOpenChange={onOpenChange}>
        <DialogContent
          onEscapeKeyDown={(e) => pending && e.preventDefault()}
          onInteractOutside={(e) => pending && e.preventDefault()}
        >
          <DialogHeader>
            <DialogTitle>Add webhook</DialogTitle>
            <DialogDescription>
              Keyward will POST a signed JSON event to this URL each time the entity changes in this way, as far as your
              permissions let you see it.
            </DialogDescription>
          </DialogHeader>
          <form id="add-webhook" onSubmit={onSubmit} className="grid gap-4" noValidate>
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
            <FormError message={formError} />
          </form>
          <DialogFooter>
            <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
              Cancel
            </Button>
            <Button type="submit" form="add-webhook" disabled={pending}>
              {pending ? "Adding…" : "Add webhook"}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>
      {created ? (
        <SecretRevealDialog
          open
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
