/**
 * What every service answers: a value, or an expected failure with a closed reason, a sentence for people and,
 * when one field is at fault, its name. Unexpected errors are thrown, never returned.
 */
export type FailureReason = "invalid" | "forbidden" | "not_found" | "conflict";

export interface Failure {
  ok: false;
  reason: FailureReason;
  message: string;
  field?: string;
}

export type Result<T = undefined> = { ok: true; value: T } | Failure;

export function ok(): { ok: true; value: undefined };
export function ok<T>(value: T): { ok: true; value: T };
export function ok<T>(value?: T) {
  return { ok: true as const, value };
}

export const fail = (reason: FailureReason, message: string, field?: string): Failure => ({
  ok: false,
  reason,
  message,
  ...(field ? { field } : {}),
});

/** The same failure, or the value turned into what the caller shows. */
export async function mapOk<T, U>(result: Promise<Result<T>>, map: (value: T) => U): Promise<Result<U>> {
  const settled = await result;
  return settled.ok ? ok(map(settled.value)) : settled;
}
