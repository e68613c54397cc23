import "server-only";
import { recordAccess } from "@/lib/access-log/writer";
import { redactBody, redactPath } from "@/lib/access-log/redact";
import { attemptOf, authenticate } from "@/lib/api-auth/authenticate";
import { rateLimitHeaders } from "@/lib/api-auth/key-rate-limit";
import { grants, type ApiPolicy } from "@/lib/api-auth/policies";
import type { Principal } from "@/lib/api-auth/principal";
import type { FailedAttempt } from "@/lib/api-auth/resolvers/types";
import { clientIp } from "@/lib/request-meta";
import { problemForError } from "./error-problem";
import { problem } from "./problem";
import { readBody, type RequestBody } from "./request-body";

export interface ApiContext<P> {
  request: Request;
  principal: Principal;
  params: P;
  /** The request's body, already read (once) and within the size limit; parse it with `parseBody`. */
  body: RequestBody;
}

type Handler<P> = (context: ApiContext<P>) => Promise<Response>;

/**
 * Wraps a `/api/v1` handler: reads the body once, authenticates, checks `policy` (403 naming it), and turns every
 * unexpected error — authentication's included — into problem+json without leaking its message. Route handlers stay
 * thin: parse, call the service, answer. Every authenticated request, and every refused one whose credential names
 * a key, goes to the access log (batched, so the request does not wait for it).
 */
export function withPrincipal<P = Record<string, never>>(policy: ApiPolicy | null, handler: Handler<P>) {
  return async (request: Request, context: { params: Promise<P> }): Promise<Response> => {
    const started = new Date();
    const t0 = performance.now();
    let who: FailedAttempt | undefined;
    let logging = { requests: false, bodies: false };
    let body: RequestBody | undefined;
    let limitHeaders: Record<string, string> | undefined;
    let response: Response;
    try {
      const read = await readBody(request);
      if (!read.ok) return read.response;
      body = read.body;
      const auth = await authenticate(request, body);
      if (!auth.ok) {
        who = auth.attempt;
        response = auth.response;
      } else {
        const { principal } = auth;
        who = attemptOf(principal);
        logging = principal.logging;
        if (auth.rateLimit) limitHeaders = rateLimitHeaders(auth.rateLimit);
        response =
          policy && !grants(principal.policies, policy)
            ? problem("forbidden", {
                detail: `This credential does not have the ${policy} policy, which this request needs.`,
                extensions: { policy },
              })
            : await handler({ request, principal, params: await context.params, body });
      }
    } catch (error) {
      response = apiError(error);
    }
    // Every answer of a limited key says where it stands, errors included.
    if (limitHeaders) response = withHeaders(response, limitHeaders);
    if (who) {
      const requestBody = logging.requests || logging.bodies ? (body?.text ?? "") : null;
      logAccess(request, response, { started, t0, who, requestBody, responseBody: logging.bodies });
    }
    return response;
  };
}

function logAccess(
  request: Request,
  response: Response,
  options: { started: Date; t0: number; who: FailedAttempt; requestBody: string | null; responseBody: boolean },
) {
  const { started, t0, who, requestBody } = options;
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
  if (requestBody === null && !options.responseBody) {
    recordAccess(entry, touch);
    return;
  }
  // Bodies are read off the request's path: the response is already on its way. The writer gets the promise, so
  // that a shutdown waits for the entry.
  const responseBody = options.responseBody && response.body ? response.clone().text() : Promise.resolve(null);
  recordAccess(
    responseBody
      .catch(() => null)
      .then((res) => ({
        ...entry,
        requestBody: requestBody ? redactBody(requestBody, request.headers.get("content-type")) : null,
        responseBody: res ? redactBody(res, response.headers.get("content-type")) : null,
      })),
    touch,
  );
}

function withHeaders(response: Response, headers: Record<string, string>): Response {
  const copy = new Response(response.body, response);
  for (const [name, value] of Object.entries(headers)) copy.headers.set(name, value);
  return copy;
}

/** 503 with Retry-After when the database is not answering, 409 for a lost race, 500 otherwise (lib/api/error-problem.ts). */
export const apiError = problemForError;
