import "server-only";
import { authenticate } from "@/lib/api-auth/authenticate";
import { grants, type ApiPolicy } from "@/lib/api-auth/policies";
import type { Principal } from "@/lib/api-auth/principal";
import { isDatabaseUnavailable } from "@/lib/errors";
import { problem } from "./problem";

type Handler<P> = (request: Request, principal: Principal, params: P) => Promise<Response>;

/**
 * Wraps a `/api/v1` handler: authenticates, checks `policy` (403 naming it), and turns unexpected errors into
 * problem+json without leaking their message. Route handlers stay thin: parse, call the service, answer.
 */
export function withPrincipal<P = Record<string, never>>(policy: ApiPolicy | null, handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const auth = await authenticate(request);
    if (!auth.ok) return auth.response;
    if (policy && !grants(auth.principal.policies, policy)) {
      return problem("forbidden", {
        detail: `This credential does not have the ${policy} policy, which this request needs.`,
        extensions: { policy },
      });
    }
    try {
      return await handler(request, auth.principal, await context.params);
    } catch (error) {
      return apiError(error);
    }
  };
}

export function apiError(error: unknown): Response {
  if (isDatabaseUnavailable(error)) {
    return problem("unavailable", { detail: "The database is not answering right now; try again shortly." });
  }
  console.error("[keyward] API request failed:", error instanceof Error ? error.message : error);
  return problem("internal", { detail: "Something went wrong on our side." });
}
