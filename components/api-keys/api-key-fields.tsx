"use client";

import { Controller, type FieldValues, type Path, type UseFormReturn } from "react-hook-form";
import { Checkbox } from "@/components/ui/checkbox";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { Label } from "@/components/ui/label";
import { NativeSelect } from "@/components/ui/native-select";
import { Textarea } from "@/components/ui/textarea";
import type { ApiPolicy } from "@/lib/api-auth/policies";
import { PolicyPicker } from "./policy-picker";
import { TagsInput } from "./tags-input";

/** The fields a key's form and its Details tab share. */
export interface ApiKeyFieldValues extends FieldValues {
  name: string;
  description?: string;
  tags?: string[];
  policies?: ApiPolicy[];
  logRequests?: boolean;
  logBodies?: boolean;
  actsAsUserId?: string | null;
}

export const NOBODY = "";

/** Name, Description, Tags, Policies, Log requests, Log request and response bodies, Acts as user. */
export function ApiKeyFields<T extends ApiKeyFieldValues>({
  form: untyped,
  allowWritePolicies,
  people,
  disabled,
  policiesHint,
}: {
  form: UseFormReturn<T, unknown, unknown>;
  allowWritePolicies: boolean;
  people: { id: string; name: string; email: string }[];
  disabled?: boolean;
  policiesHint?: string;
}) {
  // The shared fields only: typed against the common shape.
  const form = untyped as unknown as UseFormReturn<ApiKeyFieldValues, unknown, unknown>;
  const errors = form.formState.errors;
  const message = (name: Path<ApiKeyFieldValues>) => {
    const error = errors[name];
    return typeof error?.message === "string" ? error.message : undefined;
  };
  // A bad tag is reported at its index (`tags.3`), which no field shows: the Tags field shows the first one.
  const tagErrors = errors.tags;
  const tagsMessage =
    message("tags") ?? (Array.isArray(tagErrors) ? tagErrors.find((error) => error?.message)?.message : undefined);
  return (
    <>
      <Field id="api-key-name" label="Name" error={message("name")}>
        <Input autoComplete="off" disabled={disabled} {...form.register("name")} />
      </Field>
      <Field id="api-key-description" label="Description" error={message("description")}>
        <Textarea rows={2} disabled={disabled} {...form.register("description")} />
      </Field>
      <Controller
        control={form.control}
        name="tags"
        render={({ field }) => (
          <TagsInput
            id="api-key-tags"
            value={field.value ?? []}
            onChange={field.onChange}
            error={tagsMessage}
            disabled={disabled}
          />
        )}
      />
      <Controller
        control={form.control}
        name="policies"
        render={({ field }) => (
          <PolicyPicker
            value={field.value ?? []}
            onChange={field.onChange}
            allowWritePolicies={allowWritePolicies}
            error={message("policies")}
            hint={policiesHint}
            disabled={disabled}
          />
        )}
      />
      <fieldset className="grid gap-3">
        <legend className="mb-2 text-sm leading-none font-medium">Logging</legend>
        <p className="-mt-1 text-sm text-muted-foreground">
          Every call is listed in the access log (time, path, status, duration). Bodies are kept only if you ask, up to
          16 KiB each, with credentials redacted.
        </p>
        {(
          [
            ["logRequests", "Log requests", "Keep each request's body."],
            ["logBodies", "Log request and response bodies", "Keep both the request's and the response's body."],
          ] as const
        ).map(([name, label, hint]) => (
          <Controller
            key={name}
            control={form.control}
            name={name}
            render={({ field }) => (
              <div className="flex items-start gap-3">
                <Checkbox
                  id={`api-key-${name}`}
                  checked={Boolean(field.value)}
                  disabled={disabled}
                  aria-describedby={`api-key-${name}-hint`}
                  onCheckedChange={(checked) => field.onChange(checked === true)}
                />
                <div className="grid gap-0.5">
                  <Label htmlFor={`api-key-${name}`}>{label}</Label>
                  <p id={`api-key-${name}-hint`} className="text-xs text-muted-foreground">
                    {hint}
                  </p>
                </div>
              </div>
            )}
          />
        ))}
      </fieldset>
      <Field
        id="api-key-acts-as"
        label="Acts as user"
        error={message("actsAsUserId")}
        description="Optional. Requests get only what both the key's policies and this person's current roles allow."
      >
        <NativeSelect
          disabled={disabled}
          {...form.register("actsAsUserId")}
        >
          <option value={NOBODY}>Nobody: the key&apos;s policies alone</option>
          {people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name} ({person.email})
            </option>
          ))}
        </NativeSelect>
      </Field>
    </>
  );
}
