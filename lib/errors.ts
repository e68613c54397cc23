import type { z } from "zod";
import type { Failure } from "@/lib/result";

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
  if (isDatabaseUnavailable(error)) {
    return failure("unavailable", "The database is not answering right now. Nothing was changed; try again shortly.");
  }
  console.error(`[keyward] ${context} failed:`, error instanceof Error ? error.message : error);
  return failure("internal", "Something went wrong on our side. Nothing was changed; try again.");
}

/** The PostgreSQL error code of a driver error, which drizzle wraps in `cause` on both drivers. */
export function pgErrorCode(error: unknown): string | undefined {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && /^[0-9A-Z]{5}$/.test(code)) return code;
  }
  return undefined;
}

export const isUniqueViolation = (error: unknown) => pgErrorCode(error) === "23505";

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error; e && typeof e === "object"; e = (e as { cause?: unknown }).cause) {
    const code = (e as { code?: unknown }).code;
    if (code === "ECONNREFUSED" || code === "CONNECTION_CLOSED" || code === "57P01" || code === "ETIMEDOUT") return true;
  }
  return false;
}
