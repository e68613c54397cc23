"use client";

import { zodResolver } from "@hookform/resolvers/zod";
import { useForm, type DefaultValues, type FieldValues, type Path } from "react-hook-form";
import type { z } from "zod";
import type { ActionFailure, ActionResult } from "@/lib/errors";
import { useServerAction } from "./use-server-action";

export interface UseActionFormOptions<TFieldValues extends FieldValues, TValues, TData> {
  /** The shared schema the server action parses its input with as well. */
  schema: z.ZodType<TValues, TFieldValues>;
  /** What the form holds when it opens and after every reset; read afresh at each reset. */
  defaultValues: TFieldValues;
  action: (values: TValues) => Promise<ActionResult<TData>>;
  /** Runs once the form is back at its defaults; it may reset the form to the saved values instead. */
  onSuccess: (data: TData, values: TValues) => void;
  /**
   * The fields that show their own error (default: every field of `defaultValues`). A server error on any other
   * field, or a failure without field errors, is shown as the form-level error.
   */
  fields?: readonly Path<TFieldValues>[];
  /** Where the action nests the values in its input, e.g. "values." for `{ keyId, values }`. */
  fieldErrorPrefix?: string;
}

/**
 * A react-hook-form form validated by the shared zod schema and submitted to a server action. The server's field
 * errors land on their fields, the first one focused; anything else becomes `formError`.
 */
export function useActionForm<TFieldValues extends FieldValues, TValues, TData>({
  schema,
  defaultValues,
  action,
  onSuccess,
  fields,
  fieldErrorPrefix = "",
}: UseActionFormOptions<TFieldValues, TValues, TData>) {
  const form = useForm<TFieldValues, unknown, TValues>({
    resolver: zodResolver(schema),
    defaultValues: defaultValues as DefaultValues<TFieldValues>,
  });
  const { run, pending, error, clearError } = useServerAction();
  const known: readonly string[] = fields ?? Object.keys(defaultValues);

  function reset() {
    form.reset(defaultValues);
    clearError();
  }

  function showFieldErrors({ fieldErrors = {} }: ActionFailure): boolean {
    let shown = false;
    for (const [key, messages] of Object.entries(fieldErrors)) {
      const field = key.startsWith(fieldErrorPrefix) ? key.slice(fieldErrorPrefix.length) : key;
      if (!messages?.[0] || !known.includes(field)) continue;
      form.setError(field as Path<TFieldValues>, { type: "server", message: messages[0] }, { shouldFocus: !shown });
      shown = true;
    }
    return shown;
  }

  const submit = form.handleSubmit((values) =>
    run(() => action(values), {
      onSuccess: (data) => {
        reset();
        onSuccess(data, values);
      },
      onFailure: showFieldErrors,
    }),
  );

  return { form, submit, pending, formError: error, reset };
}

export type ActionForm = Pick<ReturnType<typeof useActionForm>, "submit" | "pending" | "formError" | "reset">;
