"use client";

import { useState, useTransition } from "react";
import type { ActionFailure, ActionResult } from "@/lib/errors";

export interface ServerActionHandlers<T> {
  onSuccess?: (data: T) => void;
  /** Shows a failure somewhere else (e.g. on the form's fields); returns false to leave it to `error` instead. */
  onFailure?: (failure: ActionFailure) => boolean;
}

/**
 * Runs server actions one at a time in a transition: `pending` while one runs, `error` holds the message of the
 * last failure that nothing else showed, cleared when the next one starts.
 */
export function useServerAction() {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string>();

  function run<T>(call: () => Promise<ActionResult<T>>, { onSuccess, onFailure }: ServerActionHandlers<T> = {}) {
    setError(undefined);
    startTransition(async () => {
      const result = await call();
      // Updates after an await fall out of the transition unless wrapped again; wrapped, the outcome (an error, a
      // closed dialog) renders together with the end of `pending`, never while the dialog still refuses to close.
      startTransition(() => {
        if (result.ok) onSuccess?.(result.data);
        else if (!onFailure?.(result)) setError(result.message);
      });
    });
  }

  return { run, pending, error, clearError: () => setError(undefined) };
}
