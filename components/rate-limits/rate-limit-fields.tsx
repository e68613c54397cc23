"use client";

import type { FieldValues, UseFormReturn } from "react-hook-form";
import { Field } from "@/components/ui/field";
import { Input } from "@/components/ui/input";
import { NativeSelect } from "@/components/ui/native-select";
import { RATE_LIMIT_UNITS, type RateLimitFormValue } from "@/lib/validators/rate-limits";

interface RateLimitFormValues extends FieldValues {
  rateLimit: RateLimitFormValue;
}

/**
 * A rate limit as a group named `legend`: **Requests** (empty: no limit) and **Per** (second, minute, hour). Both are
 * plain form controls, so the limit is set and cleared from the keyboard alone.
 */
export function RateLimitFields<T extends FieldValues>({
  form: untyped,
  id,
  legend,
  description,
  disabled,
}: {
  form: UseFormReturn<T, unknown, unknown>;
  id: string;
  legend: string;
  description: string;
  disabled?: boolean;
}) {
  // Forms type the limit by their schema's input (null or text or number); these two fields only hold text.
  const form = untyped as unknown as UseFormReturn<RateLimitFormValues, unknown, unknown>;
  const errors = form.formState.errors.rateLimit;
  const message = errors?.requests?.message ?? errors?.per?.message ?? errors?.message;
  return (
    <fieldset className="grid gap-2" aria-describedby={`${id}-description`}>
      <legend className="text-sm font-medium">{legend}</legend>
      <p id={`${id}-description`} className="text-sm text-muted-foreground">
        {description}
      </p>
      <div className="flex flex-wrap items-start gap-4">
        <Field id={`${id}-requests`} label="Requests" error={typeof message === "string" ? message : undefined}>
          <Input
            type="number"
            inputMode="numeric"
            min={1}
            step={1}
            className="w-36"
            autoComplete="off"
            disabled={disabled}
            {...form.register("rateLimit.requests")}
          />
        </Field>
        <Field id={`${id}-per`} label="Per">
          <NativeSelect disabled={disabled} {...form.register("rateLimit.per")}>
            {RATE_LIMIT_UNITS.map((unit) => (
              <option key={unit} value={unit}>
                {unit}
              </option>
            ))}
          </NativeSelect>
        </Field>
      </div>
    </fieldset>
  );
}
