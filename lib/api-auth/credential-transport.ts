import type { RequestBody } from "@/lib/api/request-body";

/**
 * The six ways a request may carry a credential, in precedence order: a bearer token, the `X-API-Key` header
 * (`X-ApiKey` too, a spelling many clients send), the `apiKey` and `key` query parameters, the `key`
 * form field and the `API_Key` JSON property. A request that carries two different credentials is refused rather
 * than guessed at.
 */
export const TRANSPORTS = [
  "authorization_bearer",
  "x_api_key_header",
  "query_apiKey",
  "query_key",
  "form_key",
  "json_API_Key",
] as const;
export type Transport = (typeof TRANSPORTS)[number];

export const isQueryTransport = (t: Transport) => t === "query_apiKey" || t === "query_key";

export type ExtractedCredential =
  | { ok: true; value: string; transport: Transport }
  | { ok: false; reason: "missing" | "ambiguous" };

const BODY_METHODS = new Set(["POST", "PUT", "PATCH", "DELETE"]);

function bodyCredentials(method: string, body: RequestBody): [Transport, string][] {
  if (!BODY_METHODS.has(method) || !body.text) return [];
  if (body.type === "application/x-www-form-urlencoded") {
    return new URLSearchParams(body.text).getAll("key").map((value) => ["form_key", value]);
  }
  if (body.type !== "application/json") return [];
  try {
    const parsed: unknown = JSON.parse(body.text);
    const value = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>).API_Key : undefined;
    return typeof value === "string" ? [["json_API_Key", value]] : [];
  } catch {
    return [];
  }
}

/** Finds the request's credential, in its headers, its query string or the body the route has already read. */
export function extractCredential(request: Request, body: RequestBody): ExtractedCredential {
  const url = new URL(request.url);
  const bearer = request.headers.get("authorization")?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  const found: [Transport, string | null | undefined][] = [
    ["authorization_bearer", bearer],
    ["x_api_key_header", request.headers.get("x-api-key")?.trim()],
    ["x_api_key_header", request.headers.get("x-apikey")?.trim()],
    ...url.searchParams.getAll("apiKey").map((value): [Transport, string] => ["query_apiKey", value]),
    ...url.searchParams.getAll("key").map((value): [Transport, string] => ["query_key", value]),
    ...bodyCredentials(request.method, body),
  ];
  const present = found.filter((entry): entry is [Transport, string] => Boolean(entry[1]));
  if (present.length === 0) return { ok: false, reason: "missing" };
  if (new Set(present.map(([, value]) => value)).size > 1) return { ok: false, reason: "ambiguous" };
  const [transport, value] = present[0]!;
  return { ok: true, value, transport };
}
