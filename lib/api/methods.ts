import { problem } from "./problem";

/** The methods a route handler can export, and so all the server answers, in the order an Allow header lists them. */
export const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;
type Method = (typeof METHODS)[number];

type Refusal = (request: Request) => Response;
type Handlers = Partial<Record<Exclude<Method, "HEAD" | "OPTIONS">, (...args: never[]) => unknown>>;

/** What Allow lists for a route with these handlers: HEAD with GET (Next.js answers it from GET), and OPTIONS always. */
export function allowedMethods(handlers: Handlers): string {
  return METHODS.filter((method) => method === "OPTIONS" || (method === "HEAD" ? handlers.GET : handlers[method])).join(", ");
}

/**
 * Answers for every method a route does not handle, to be exported beside its own handlers:
 * `export const { PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET, POST })`. Next.js answers a method a route does
 * not export with a bare 405 (no body, no Allow, which RFC 9110 §15.5.6 requires); these answer it as every other API
 * refusal, problem+json, with the Allow the route's OPTIONS also gives.
 */
export function otherMethods(handlers: Handlers): Record<Method, Refusal> {
  const allow = allowedMethods(handlers);
  const refuse: Refusal = (request) =>
    problem("method_not_allowed", {
      detail: `${request.method} is not supported on ${new URL(request.url).pathname}. Allowed: ${allow}.`,
      headers: { Allow: allow },
    });
  const options = () => new Response(null, { status: 204, headers: { Allow: allow, "Cache-Control": "no-store" } });
  return { GET: refuse, HEAD: refuse, POST: refuse, PUT: refuse, PATCH: refuse, DELETE: refuse, OPTIONS: options };
}
