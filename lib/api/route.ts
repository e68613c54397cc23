import "server-only";
import { recordAccess } from "@/lib/access-log/writer";
import { redactBody, redactPath } from "@/lib/access-log/redact";
import { authenticate } from "@/lib/api-auth/authenticate";
import { grants, type ApiPolicy } from "@/lib/api-auth/policies";
import type { Principal } from "@/lib/api-auth/principal";
import type { FailedAttempt } from "@/lib/api-auth/resolvers/types";
import { clientIp } from "@/lib/request-meta";
import { problemForError } from "./error-problem";
import { problem } from "./problem";

type Handler<P> = (request: Request, principal: Principal, params: P) => Promise<Response>;

/**
 * Wraps a `/api/v1` handler: authenticates, checks `policy` (403 naming it), and turns unexpected errors into
 * problem+json without leaking their message. Route handlers stay thin: parse, call the service, answer.
 * Every authenticated request, and every refused one whose credential names a key, goes to the access log
 * (batched, so the request does not wait for it).
 */
export function withPrincipal<P = Record<string, never>>(policy: ApiPolicy | null, handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const started = new Date();
    const t0 = performance.now();
    let auth: Awaited<ReturnType<typeof authenticate>>;
    try {
      auth = await authenticate(request);
    } catch (error) {
      // Authentication reads the database: an outage here is a 503 like anywhere else, never an empty 500.
      return apiError(error);
    }
    if (!auth.ok) {
      if (auth.attempt) logAccess(request, auth.response, started, t0, auth.attempt, null, null);
      return auth.response;
    }
    const { principal } = auth;
    const wantsRequestBody = principal.logging.requests || principal.logging.bodies;
    // Read through a clone taken before the handler consumes the body.
    const requestBody = wantsRequestBody && request.body ? request.clone().text() : null;
    let response: Response;
    if (policy && !grants(principal.policies, policy)) {
      response = problem("forbidden", {
        detail: `This credential does not have the ${policy} policy, which this request needs.`,
        extensions: { policy },
      });
    } else {
      try {
        response = await handler(request, principal, await context.params);
      } catch (error) {
        response = apiError(error);
      }
    }
    const attempt: FailedAttempt = {
      organizationId: principal.organization.id,
      apiKeyId: principal.apiKeyId,
      accessCodePrefix: principal.accessCodePrefix ?? null,
      credentialKind: principal.credential.kind,
      credentialId: principal.credential.id,
    };
    const responseBody = principal.logging.bodies && response.body ? response.clone().text() : null;
    logAccess(request, response, started, t0, attempt, requestBody, responseBody);
    return response;
  };
}

function logAccess(
  request: Request,
  response: Response,
  started: Date,
  t0: number,
  who: FailedAttempt,
  requestBody: Promise<string> | null,
  responseBody: Promise<string> | null,
) {
  const entry = {
    organizationId: who.organizationId,
    apiKeyId: who.apiKeyId,
    accessCodePrefix: who.accessCodePrefix,
    credentialKind: who.credentialKind,
    credentialId: who.credentialId,
    method: request.method,
    path: redactPath(request.url),
    status: response.status,
    ip: clientIp(request.headers),
    userAgent: request.headers.get("user-agent")?.slice(0, 512) ?? null,
    durationMs: Math.round(performance.now() - t0),
    createdAt: started,
  };
  const touch = {
    accessCodeId: who.credentialKind === "access_code" && response.status !== 401 ? who.credentialId : null,
    apiKeyId: response.status !== 401 ? who.apiKeyId : null,
  };
  if (!requestBody && !responseBody) {
    recordAccess(entry, touch);
    return;
  }
  // Bodies are read off the request's path: the response is already on its way. The writer gets the promise, so
  // that a shutdown waits for the entry.
  recordAccess(
    Promise.all([requestBody?.catch(() => null), responseBody?.catch(() => null)]).then(([req, res]) => ({
      ...entry,
      requestBody: req ? redactBody(req, request.headers.get("content-type")) : null,
      responseBody: res ? redactBody(res, response.headers.get("content-type")) : null,
    })),
    touch,
  );
}

/** 503 with Retry-After when the database is not answering, 409 for a lost race, 500 otherwise (lib/api/error-problem.ts). */
export const apiError = problemForError;
