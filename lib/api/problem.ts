import type { Failure, FailureReason } from "@/lib/result";

/**
 * RFC 9457 problem details: the one way every `/api` route reports an error. The `type` list is closed, so
 * clients can switch on it; `detail` is a human-readable sentence about this occurrence.
 */
export const PROBLEM_TYPES = {
  unauthorized: { status: 401, title: "Authentication required" },
  forbidden: { status: 403, title: "Missing policy" },
  not_found: { status: 404, title: "Not found" },
  method_not_allowed: { status: 405, title: "Method not allowed" },
  invalid_request: { status: 400, title: "Invalid request" },
  validation: { status: 422, title: "Validation failed" },
  conflict: { status: 409, title: "Conflict" },
  payload_too_large: { status: 413, title: "Request body too large" },
  unsupported_media_type: { status: 415, title: "Unsupported media type" },
  rate_limited: { status: 429, title: "Too many requests" },
  unavailable: { status: 503, title: "Service unavailable" },
  internal: { status: 500, title: "Internal error" },
} as const;
export type ProblemType = keyof typeof PROBLEM_TYPES;

export interface ProblemOptions {
  detail: string;
  /** Field-level messages for validation problems: `{ "url": ["Must use https."] }`. */
  errors?: Record<string, string[] | undefined>;
  headers?: HeadersInit;
  /** Extension members (RFC 9457 §3.2), e.g. `policy` for a 403. */
  extensions?: Record<string, unknown>;
}

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

/** The problem document itself, for answers written without a Response (the HTTP server's own refusals). */
export function problemDocument(type: ProblemType, options: Omit<ProblemOptions, "headers">) {
  const { status, title } = PROBLEM_TYPES[type];
  return {
    type: `https://keyward.dev/problems/${type.replaceAll("_", "-")}`,
    title,
    status,
    detail: options.detail,
    ...(options.errors ? { errors: options.errors } : {}),
    ...options.extensions,
  };
}

export function problem(type: ProblemType, options: ProblemOptions): Response {
  const headers = new Headers(options.headers);
  headers.set("Content-Type", PROBLEM_CONTENT_TYPE);
  headers.set("Cache-Control", "no-store");
  const body = problemDocument(type, options);
  return new Response(JSON.stringify(body), { status: body.status, headers });
}

const PROBLEM_OF_FAILURE: Record<FailureReason, ProblemType> = {
  invalid: "validation",
  forbidden: "forbidden",
  not_found: "not_found",
  conflict: "conflict",
};

/** A service's expected failure as an API answer; the field at fault, if any, carries the message in `errors`. */
export function problemFor(failure: Failure, extensions?: Record<string, unknown>): Response {
  return problem(PROBLEM_OF_FAILURE[failure.reason], {
    detail: failure.message,
    ...(failure.field ? { errors: { [failure.field]: [failure.message] } } : {}),
    extensions,
  });
}

/** JSON success answer; every `/api` response is private and uncached. */
export function json(body: unknown, init: ResponseInit = {}): Response {
  const headers = new Headers(init.headers);
  headers.set("Cache-Control", "no-store");
  return Response.json(body, { ...init, headers });
}
