import { problem } from "@/lib/api/problem";

/**
 * Every way the authenticator refuses a request, a closed list. Each has the sentence the problem body carries and a
 * short plain-ASCII description for the `WWW-Authenticate` challenge (RFC 6750 §3): header values must be ASCII
 * (RFC 9110 §5.5), and building a response with any other character throws.
 */
export const REFUSALS = {
  missing: {
    status: 401,
    error: null,
    description: "No credential was sent",
    detail: "This request carries no credential. Send an access code in the X-API-Key header, or a bearer token.",
  },
  ambiguous: {
    status: 400,
    error: "invalid_request",
    description: "Two different credentials were sent",
    detail: "The request carries two different credentials; send exactly one.",
  },
  invalid: {
    status: 401,
    error: "invalid_token",
    description: "The credential is not valid",
    detail: "The credential is not valid.",
  },
  disabled: {
    status: 401,
    error: "invalid_token",
    description: "The access code is disabled",
    detail: "This access code is disabled.",
  },
  expired: {
    status: 401,
    error: "invalid_token",
    description: "The access code has expired",
    detail: "This access code has expired. Create a new one on the key's Access Codes tab.",
  },
  personal_key_expired: {
    status: 401,
    error: "invalid_token",
    description: "The personal API key has expired",
    detail: "This personal API key has expired. Regenerate a new one on your API Access tab.",
  },
  archived: {
    status: 401,
    error: "invalid_token",
    description: "The API key has been archived",
    detail: "This API key has been archived.",
  },
  not_linked: {
    status: 401,
    error: "invalid_token",
    description: "The access code is not linked to the account named in X-Keyward-Account",
    detail: "This access code is not linked to the account named in X-Keyward-Account.",
  },
  personal_keys_off: {
    status: 401,
    error: "invalid_token",
    description: "Personal API keys are turned off for this organisation",
    detail: "Personal API keys are turned off for this organisation. An Administrator can allow them in Administration → Settings.",
  },
  query_strings_off: {
    status: 401,
    error: "invalid_token",
    description: "Keys in query strings are turned off for this organisation",
    detail:
      "Keys in query strings are turned off for this organisation, because URLs end up in logs. Send the key in the X-API-Key header instead.",
  },
  wrong_transport: {
    status: 401,
    error: "invalid_token",
    description: "Send the access token in the Authorization header",
    detail: "Send the access token in the Authorization header: `Authorization: Bearer kwat_…`.",
  },
  // The credential is valid, so not a 401 that asks for another one: the same key works from an allowed address.
  ip_not_allowed: {
    status: 403,
    error: null,
    description: "The API key does not allow requests from this address",
    detail:
      "This API key does not allow requests from your IP address. An Administrator can add the address to the key's Allowed IP addresses.",
  },
  // Also not a 401: the credential is good, and the same request succeeds once the window resets (Retry-After).
  rate_limited: {
    status: 429,
    error: null,
    description: "The credential has used up its rate limit",
    detail: "This credential has used up its rate limit for now. Try again after Retry-After seconds.",
  },
} as const satisfies Record<
  string,
  { status: 400 | 401 | 403 | 429; error: "invalid_token" | "invalid_request" | null; description: string; detail: string }
>;
export type Refusal = keyof typeof REFUSALS;

/**
 * The answer to a refused request: 401 with its challenge (or 400, 403, 429), `reason` naming the refusal in the
 * body; `headers` add to it (a 429's Retry-After).
 */
export function refusalResponse(refusal: Refusal, detail: string = REFUSALS[refusal].detail, headers?: HeadersInit): Response {
  const spec = REFUSALS[refusal];
  if (spec.status === 400) return problem("invalid_request", { detail, headers, extensions: { reason: refusal } });
  if (spec.status === 403) return problem("forbidden", { detail, headers, extensions: { reason: refusal } });
  if (spec.status === 429) return problem("rate_limited", { detail, headers, extensions: { reason: refusal } });
  const challenge = spec.error
    ? `Bearer realm="keyward", error="${spec.error}", error_description="${spec.description}"`
    : `Bearer realm="keyward"`;
  return problem("unauthorized", { detail, headers: { "WWW-Authenticate": challenge }, extensions: { reason: refusal } });
}
