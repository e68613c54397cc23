import "server-only";
import { z } from "zod";
import { MAX_API_BODY_BYTES } from "@/lib/http/security-headers";
import { problem } from "./problem";

/** A request's body, read once: the route, the credential transports and the access log all use this copy. */
export interface RequestBody {
  text: string;
  /** The media type without parameters, lowercased; null when the request sent none. */
  type: string | null;
}

export type BodyOutcome = { ok: true; body: RequestBody } | { ok: false; response: Response };

const EMPTY: RequestBody = { text: "", type: null };
const limitDetail = (limit: number) =>
  limit === MAX_API_BODY_BYTES
    ? `Request bodies may be at most ${limit} bytes (1 MiB).`
    : `Request bodies to this address may be at most ${limit} bytes.`;
const tooLarge = (limit: number): BodyOutcome => ({ ok: false, response: problem("payload_too_large", { detail: limitDetail(limit) }) });

/**
 * Reads the body once, counting the bytes as they arrive: a body over the limit (1 MiB unless the route says less)
 * is refused with 413 as soon as it passes the limit, whether or not it announced its length, so a chunked upload
 * cannot make the server buffer more. Text that is not UTF-8 is refused with 400 rather than decoded into replacement characters,
 * and a compressed body (any Content-Encoding) with 415 and `Accept-Encoding: identity` (RFC 9110 §12.5.3).
 */
export async function readBody(request: Request, limit = MAX_API_BODY_BYTES): Promise<BodyOutcome> {
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase() || null;
  if (Number(request.headers.get("content-length") ?? 0) > limit) return tooLarge(limit);
  if (!request.body) return { ok: true, body: { ...EMPTY, type } };
  // Bodies are read as sent: a compressed one would otherwise be refused as "not valid JSON", which misleads.
  const encoding = request.headers.get("content-encoding")?.trim().toLowerCase();
  if (encoding && encoding !== "identity") {
    await request.body.cancel().catch(() => {});
    return {
      ok: false,
      response: problem("unsupported_media_type", {
        detail: "Request bodies must be sent uncompressed: this server accepts no Content-Encoding.",
        headers: { "Accept-Encoding": "identity" },
      }),
    };
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > limit) {
      await reader.cancel().catch(() => {});
      return tooLarge(limit);
    }
    chunks.push(value);
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
    return { ok: true, body: { text, type } };
  } catch {
    return { ok: false, response: problem("invalid_request", { detail: "The request body is not valid UTF-8." }) };
  }
}

const FORM = "application/x-www-form-urlencoded";
/** Bodies read as JSON; `text/plain` too, which clients send when they set no type of their own. */
const isJsonType = (type: string | null) => type === null || type === "text/plain" || type === "application/json" || type.endsWith("+json");

/**
 * What a field of `schema` takes, to read form fields into the same shape as JSON: a list (the field repeated, or
 * named `field[]`), a boolean (`true` / `false`), or a single text value.
 */
function fieldKind(schema: z.ZodType): "array" | "boolean" | "text" {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: z.ZodType; in?: z.ZodType };
    if (def.innerType) current = def.innerType;
    else if (def.type === "pipe" && def.in) current = def.in;
    else return def.type === "array" ? "array" : def.type === "boolean" ? "boolean" : "text";
  }
}

function formFields(text: string, schema: z.ZodType): Record<string, unknown> {
  const form = new URLSearchParams(text);
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
  // A Map and own-property checks: field names such as "constructor" or "__proto__" are data, never the prototype's.
  const fields = new Map<string, unknown>();
  for (const raw of new Set(form.keys())) {
    const name = raw.endsWith("[]") ? raw.slice(0, -2) : raw;
    const values = form.getAll(raw);
    const kind = Object.hasOwn(shape, name) ? fieldKind(shape[name]!) : "text";
    if (kind === "array") fields.set(name, [...((fields.get(name) as string[] | undefined) ?? []), ...values]);
    else if (kind === "boolean") fields.set(name, values[0] === "true" ? true : values[0] === "false" ? false : values[0]);
    else fields.set(name, values[0]);
  }
  return Object.fromEntries(fields);
}

/**
 * Validates a body with the shared schema, from JSON or from form fields (`application/x-www-form-urlencoded`,
 * for clients that send the `key` form field): 400 for a body that is neither, 415 for another media type, 422
 * with field-level messages when it does not match. Credential properties (`API_Key`, `key`) are dropped by the
 * schema, which keeps only the fields it knows.
 */
export function parseBody<T extends z.ZodType>(
  body: RequestBody,
  schema: T,
): { ok: true; data: z.output<T> } | { ok: false; response: Response } {
  let raw: unknown = {};
  if (body.type === FORM) {
    raw = formFields(body.text, schema);
  } else if (body.text.trim() !== "") {
    if (!isJsonType(body.type)) {
      return {
        ok: false,
        response: problem("unsupported_media_type", {
          detail: "Send the body as application/json, or as application/x-www-form-urlencoded form fields.",
        }),
      };
    }
    try {
      raw = JSON.parse(body.text);
    } catch {
      return { ok: false, response: problem("invalid_request", { detail: "The request body is not valid JSON." }) };
    }
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) {
      return { ok: false, response: problem("invalid_request", { detail: "The request body must be a JSON object." }) };
    }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) return { ok: false, response: validationProblem(parsed.error) };
  return { ok: true, data: parsed.data };
}

export function validationProblem(error: z.ZodError | Record<string, string[]>, detail = "Some fields are not valid.") {
  const errors: Record<string, string[]> = {};
  if (error instanceof z.ZodError) {
    for (const issue of error.issues) (errors[issue.path.join(".") || "body"] ??= []).push(issue.message);
  } else {
    Object.assign(errors, error);
  }
  return problem("validation", { detail, errors });
}
