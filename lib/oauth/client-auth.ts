/**
 * OAuth client authentication (RFC 6749 §2.3.1): `client_secret_basic` (HTTP Basic, each part form-urlencoded
 * before base64) or `client_secret_post` (client_id and client_secret form fields), never both at once. Pure:
 * it parses, the token endpoint verifies the secret against the database.
 */
export type ClientAuthMethod = "client_secret_basic" | "client_secret_post";

export type ClientAuthentication =
  | { ok: true; method: ClientAuthMethod; clientId: string; clientSecret: string }
  | {
      ok: false;
      error: "invalid_request" | "invalid_client";
      description: string;
      /** The client id the request named, if any, so failures can be rate limited per client. */
      clientId: string | null;
    };

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

/** `application/x-www-form-urlencoded` decoding of one Basic credential part ('+' is a space). */
function formDecode(value: string): string | null {
  try {
    return decodeURIComponent(value.replaceAll("+", " "));
  } catch {
    return null;
  }
}

function parseBasic(authorization: string | null): { clientId: string; clientSecret: string } | "malformed" | null {
  const match = authorization?.match(/^Basic\s+(\S+)\s*$/i);
  if (!match) return authorization && /^Basic\b/i.test(authorization) ? "malformed" : null;
  const encoded = match[1]!;
  if (!BASE64.test(encoded) || encoded.length % 4 !== 0) return "malformed";
  const decoded = Buffer.from(encoded, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  if (colon < 0) return "malformed";
  const clientId = formDecode(decoded.slice(0, colon));
  const clientSecret = formDecode(decoded.slice(colon + 1));
  if (clientId === null || clientSecret === null) return "malformed";
  return { clientId, clientSecret };
}

export function parseClientAuthentication(authorization: string | null, form: URLSearchParams): ClientAuthentication {
  const basic = parseBasic(authorization);
  const formId = form.get("client_id") || null;
  const formSecret = form.get("client_secret") || null;

  if (basic === "malformed") {
    return {
      ok: false,
      error: "invalid_client",
      description: "The Authorization header is not valid HTTP Basic: send base64 of client_id:client_secret.",
      clientId: formId,
    };
  }
  if (basic) {
    if (formSecret) {
      return {
        ok: false,
        error: "invalid_request",
        description: "Use one client authentication method: HTTP Basic or the client_secret form field, not both.",
        clientId: basic.clientId || null,
      };
    }
    if (formId && formId !== basic.clientId) {
      return {
        ok: false,
        error: "invalid_request",
        description: "The client_id form field does not match the client id of the Authorization header.",
        clientId: basic.clientId || null,
      };
    }
    if (!basic.clientId || !basic.clientSecret) {
      return { ok: false, error: "invalid_client", description: "The client id or secret is empty.", clientId: basic.clientId || null };
    }
    return { ok: true, method: "client_secret_basic", ...basic };
  }
  if (formId && formSecret) {
    return { ok: true, method: "client_secret_post", clientId: formId, clientSecret: formSecret };
  }
  if (formSecret) {
    return { ok: false, error: "invalid_request", description: "client_secret was sent without client_id.", clientId: null };
  }
  return {
    ok: false,
    error: "invalid_client",
    description:
      "Client authentication is required: HTTP Basic with the client id and secret, or the client_id and client_secret form fields.",
    clientId: formId,
  };
}
