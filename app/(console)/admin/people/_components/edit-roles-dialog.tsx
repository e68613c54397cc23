"use client";

import { Controller } from "react-hook-form";
import { toast } from "sonner";
import { FormDialog } from "@/components/forms/form-dialog";
import { useActionForm } from "@/components/forms/use-action-form";
import { Checkbox } from "@/components/ui/checkbox";
import { Label } from "@/components/ui/label";
import { updatePersonRolesAction } from "@/lib/actions/people";
import { ROLE_LABELS, ROLES, type Role } from "@/lib/auth/roles";
import { updatePersonRolesSchema } from "@/lib/validators/people";

const ROLE_HINTS: Record<Role, string> = {
  administrator: "API keys, API Management, logs, people and settings.",
  office_lead: "Generates and deletes the company's API credentials.",
  member: "Their own profile, personal API key and webhooks.",
};

export interface EditRolesDialogProps {
  open: boolean;
  onOpenChange: (open: boolean) => void;
  person: { id: string; name: string; roles: Role[] };
}

/** The roles form of one person; loaded when first opened (edit-roles-button.tsx). */
export function EditRolesDialog({ open, onOpenChange: setOpen, person }: EditRolesDialogProps) {
  const actionForm = useActionForm({
    schema: updatePersonRolesSchema,
    defaultValues: { userId: person.id, roles: person.roles },
    action: updatePersonRolesAction,
    // Only the roles show an error of their own: one about the person's id is the form's.
    fields: ["roles"],
    onSuccess: () => {
      setOpen(false);
      toast.success("Roles updated");
    },
  });
  const { form } = actionForm;
  const title = `Edit roles for ${person.name}`;
  const error = actionForm.formError ?? form.formState.errors.roles?.message;

  return (
    <FormDialog
      open={open}
      onOpenChange={setOpen}
      form={actionForm}
      title={title}
      description="A person can hold several roles. Changes apply on their next request."
      submitLabel="Save roles"
      pendingLabel="Saving…"
      error={error}
      errorId="roles-error"
    >
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
    </FormDialog>
  );
}
