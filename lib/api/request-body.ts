import "server-only";
import type { z } from "zod";
import { problem } from "./problem";

const MAX_BODY = 64 * 1024;

/**
 * Reads and validates a JSON body with the shared schema: 400 for a body that is not JSON, 413 when too large,
 * 422 with field-level messages when it does not match. Credential properties (`API_Key`) are dropped by the
 * schema, which keeps only the fields it knows.
 */
export async function parseJsonBody<T extends z.ZodType>(
  request: Request,
  schema: T,
): Promise<{ ok: true; data: z.output<T> } | { ok: false; response: Response }> {
  const text = await request.text();
  if (text.length > MAX_BODY) {
    return { ok: false, response: problem("payload_too_large", { detail: "The request body is larger than 64 KiB." }) };
  }
  let raw: unknown;
  try {
    raw = text ? JSON.parse(text) : {};
  } catch {
    return { ok: false, response: problem("invalid_request", { detail: "The request body is not valid JSON." }) };
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, response: validationProblem(parsed.error) };
  return { ok: true, data: parsed.data };
}

export function validationProblem(error: z.ZodError | Record<string, string[]>, detail = "Some fields are not valid.") {
  const errors: Record<string, string[]> = {};
  if (error instanceof Error) {
    for (const issue of (error as z.ZodError).issues) (errors[issue.path.join(".") || "body"] ??= []).push(issue.message);
  } else {
    Object.assign(errors, error);
  }
  return problem("validation", { detail, errors });
}
