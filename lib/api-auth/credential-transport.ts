/**
 * The six ways a request may carry a credential, in precedence order: integrations written for other APIs send keys
 * in each of them, and work unchanged. A request that carries two different credentials is refused rather than
 * guessed at.
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

async function bodyCredential(request: Request): Promise<[Transport, string] | null> {
  if (!BODY_METHODS.has(request.method) || !request.body) return null;
  const type = request.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded" && type !== "application/json") return null;
  // A clone, so the route handler can still read the body.
  const text = await request.clone().text();
  if (type === "application/x-www-form-urlencoded") {
    const value = new URLSearchParams(text).get("key");
    return value ? ["form_key", value] : null;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    const value = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>).API_Key : undefined;
    return typeof value === "string" && value ? ["json_API_Key", value] : null;
  } catch {
    return null;
  }
}

/** Finds the request's credential. Reads a form or JSON body only through a clone. */
export async function extractCredential(request: Request): Promise<ExtractedCredential> {
  const url = new URL(request.url);
  const authorization = request.headers.get("authorization");
  const bearer = authorization?.match(/^Bearer\s+(\S+)\s*$/i)?.[1];
  const found: [Transport, string | null | undefined][] = [
    ["authorization_bearer", bearer],
    ["x_api_key_header", request.headers.get("x-api-key")?.trim()],
    ["query_apiKey", url.searchParams.get("apiKey")],
    ["query_key", url.searchParams.get("key")],
  ];
  const body = await bodyCredential(request);
  if (body) found.push(body);
  const present = found.filter((entry): entry is [Transport, string] => Boolean(entry[1]));
  if (present.length === 0) return { ok: false, reason: "missing" };
  if (new Set(present.map(([, value]) => value)).size > 1) return { ok: false, reason: "ambiguous" };
  const [transport, value] = present[0]!;
  return { ok: true, value, transport };
}
