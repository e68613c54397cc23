import type { z } from "zod";
import { classifyDatabaseError, conflictFor } from "@/lib/db-errors";
import type { Failure } from "@/lib/result";
import { logUnavailable } from "@/lib/unavailable-log";

export type FieldErrors = Record<string, string[] | undefined>;

/** What every server action returns: expected failures are values, never thrown. */
export type ActionResult<T = undefined> =
  | { ok: true; data: T }
  | { ok: false; code: ActionErrorCode; message: string; fieldErrors?: FieldErrors };

export type ActionFailure = Extract<ActionResult, { ok: false }>;

export type ActionErrorCode = "invalid" | "unauthenticated" | "forbidden" | "not_found" | "conflict" | "unavailable" | "internal";

export const success = <T>(data: T): ActionResult<T> => ({ ok: true, data });

export function invalid(error: z.ZodError, message = "Check the highlighted fields."): ActionFailure {
  const fieldErrors: FieldErrors = {};
  for (const issue of error.issues) {
    const key = issue.path.join(".") || "form";
    (fieldErrors[key] ??= []).push(issue.message);
  }
  return { ok: false, code: "invalid", message, fieldErrors };
}

export const failure = (code: ActionErrorCode, message: string, fieldErrors?: FieldErrors): ActionFailure => ({
  ok: false,
  code,
  message,
  ...(fieldErrors ? { fieldErrors } : {}),
});

export const forbiddenResult = (message: string) => failure("forbidden", message);

/** A service's expected failure as the browser gets it: the field at fault carries the message. */
export const fromFailure = (outcome: Failure): ActionFailure =>
  failure(outcome.reason, outcome.message, outcome.field ? { [outcome.field]: [outcome.message] } : undefined);

/** Turns an unexpected error into a generic result; the cause is logged on the server, never sent to the browser. */
export function unexpected(error: unknown, context: string): ActionFailure {
  switch (classifyDatabaseError(error)) {
    case "unavailable":
      logUnavailable(context, error);
      return failure("unavailable", DATABASE_UNAVAILABLE);
    case "conflict":
      return fromFailure(conflictFor(error)!);
    case "unstorable":
      return failure("invalid", "A value cannot be stored as typed: remove control characters and check any dates.");
    default:
      console.error(`[keyward] ${context} failed:`, error instanceof Error ? error.message : error);
      return failure("internal", "Something went wrong on our side. Nothing was changed; try again.");
  }
}

export const DATABASE_UNAVAILABLE = "The database is not answering right now. Nothing was changed; try again shortly.";

// The classification lives in lib/db-errors.ts; these names stay importable from here.
export { isDatabaseUnavailable, isUniqueViolation, pgErrorCode } from "./db-errors";
