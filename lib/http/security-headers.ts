import type { IncomingMessage, ServerResponse } from "node:http";

/**
 * The Content-Security-Policy of every page: scripts only from this origin with the request's nonce (Next puts
 * it on its own inline scripts), nothing from other hosts, no framing. Development adds 'unsafe-eval' for React's
 * dev tooling; production never does.
 */
export function contentSecurityPolicy(nonce: string, dev: boolean): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // Radix positions popovers with inline style attributes.
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "frame-ancestors 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
  ].join("; ");
}

/** Headers on every response, pages, API and static files alike (`stampSecurityHeaders`). */
const STATIC_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  // Pages can show secrets and carry ids in their URLs: never tell another site where a visitor came from.
  { key: "Referrer-Policy", value: "no-referrer" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=(), payment=()" },
];

/**
 * Sent only on responses to https requests: over plain http browsers ignore it anyway, and a development server on
 * http://localhost must not pin the host to https. One year, as browsers' preload lists ask; without
 * includeSubDomains, since the operator's other hosts are not Keyward's to decide. Whether a request came over https
 * is X-Forwarded-Proto, which only a trusted proxy may set (lib/http/peer-address.ts).
 */
const STRICT_TRANSPORT_SECURITY = { key: "Strict-Transport-Security", value: "max-age=31536000" };

/**
 * Puts the security headers on a response before anything else handles its request (the server's request listener,
 * lib/http/request-line-guard.ts); whatever answers may still set its own. Set here rather than by next.config's
 * `headers()`, which Next.js matches against every request's path with path-to-regexp: a few per cent of an API
 * call's time, for headers that do not depend on the path but for the API's no-store.
 */
export function stampSecurityHeaders(request: Pick<IncomingMessage, "headers" | "url">, response: Pick<ServerResponse, "setHeader">) {
  for (const { key, value } of STATIC_SECURITY_HEADERS) response.setHeader(key, value);
  // By now X-Forwarded-Proto is what the socket is, or what a trusted proxy says it is (lib/http/peer-address.ts).
  if (request.headers["x-forwarded-proto"] === "https") response.setHeader(STRICT_TRANSPORT_SECURITY.key, STRICT_TRANSPORT_SECURITY.value);
  // API answers are per credential: no shared cache may keep one.
  if (/^\/api(\/|\?|$)/.test(request.url ?? "")) response.setHeader("Cache-Control", "no-store");
}

/** Largest request body any `/api` route accepts. */
export const MAX_API_BODY_BYTES = 1024 * 1024;
