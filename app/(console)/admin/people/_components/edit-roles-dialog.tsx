"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useState, useTransition } from "react";
import { Controller, useForm } from "react-hook-form";
import { toast } from "sonner";
import { Button } from "@/components/ui/button";
import { Checkbox } from "@/components/ui/checkbox";
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from "@/components/ui/dialog";
import { FormError } from "@/components/ui/form-error";
import { Label } from "@/components/ui/label";
import { updatePersonRolesAction } from "@/lib/actions/people";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import { updatePersonRolesSchema, type UpdatePersonRolesInput } from "@/lib/validators/people";

const ROLE_HINTS: Record<Role, string> = {
  administrator: "API keys, API Management, logs, people and settings.",
  office_lead: "Generates and deletes the company's API credentials.",
  member: "Their own profile, personal API key and webhooks.",
};

export function EditRolesDialog({ person }: { person: { id: string; name: string; roles: Role[] } }) {
  const [open, setOpen] = useState(false);
  const [pending, startTransition] = useTransition();
  const [formError, setFormError] = useState<string>();
  const form = useForm<UpdatePersonRolesInput>({
    resolver: zodResolver(updatePersonRolesSchema),
    defaultValues: { userId: person.id, roles: person.roles },
  });
  const title = `Edit roles for ${person.name}`;

  function onOpenChange(next: boolean) {
    if (pending) return;
    setOpen(next);
    if (next) {
      form.reset({ userId: person.id, roles: person.roles });
      setFormError(undefined);
    }
  }

  const onSubmit = form.handleSubmit((values) => {
    setFormError(undefined);
    startTransition(async () => {
      const result = await updatePersonRolesAction(values);
      if (result.ok) {
        setOpen(false);
        toast.success("Roles updated");
        return;
      }
      setFormError(result.fieldErrors?.roles?.[0] ?? result.message);
    });
  });

  const error = formError ?? form.formState.errors.roles?.message;
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogTrigger asChild>
        <Button variant="outline" size="sm" aria-label={title}>
          Edit roles
        </Button>
      </DialogTrigger>
      <DialogContent>
        <DialogHeader>
          <DialogTitle>{title}</DialogTitle>
          <DialogDescription>A person can hold several roles. Changes apply on their next request.</DialogDescription>
        </DialogHeader>
        <form id="edit-roles" onSubmit={onSubmit} className="grid gap-3">
          <Controller
            control={form.control}
            name="roles"
            render={({ field }) => (
              <fieldset className="grid gap-3" aria-describedby={error ? "roles-error" : undefined}>
                <legend className="sr-only">Roles</legend>
                {ROLES.map((role) => (
                  <div key={role} className="flex items-start gap-3">
                    <Checkbox
                      id={`role-${role}`}
                      checked={field.value.includes(role)}
                      onCheckedChange={(checked) =>
                        field.onChange(checked ? [...field.value, role] : field.value.filter((r) => r !== role))
                      }
                    />
                    <div className="grid gap-0.5">
                      <Label htmlFor={`role-${role}`}>{ROLE_LABELS[role]}</Label>
                      <p className="text-xs text-muted-foreground">{ROLE_HINTS[role]}</p>
                    </div>
                  </div>
                ))}
              </fieldset>
            )}
          />
          <FormError message={error} id="roles-error" />
        </form>
        <DialogFooter>
          <Button type="button" variant="outline" onClick={() => onOpenChange(false)} disabled={pending}>
            Cancel
          </Button>
          <Button type="submit" form="edit-roles" disabled={pending}>
            {pending ? "Saving…" : "Save roles"}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
