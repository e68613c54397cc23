import "server-only";
import { getDb } from "@/db/client";
import type { RequestBody } from "@/lib/api/request-body";
import { addressAllowed } from "@/lib/http/address-allowlist";
import { clientIp } from "@/lib/request-meta";
import { parseSecret } from "@/lib/secrets";
import { extractCredential, isQueryTransport, type Transport } from "./credential-transport";
import { countFailedAuthentication, throttledAuthentication } from "./failure-throttle";
import { consumeRateLimits, rateLimitHeaders, type RateLimitDecision } from "./key-rate-limit";
import type { Principal } from "./principal";
import { refusalResponse } from "./refusals";
import { RESOLVERS } from "./resolvers";
import { ACCOUNT_HEADER } from "./resolvers/access-code";
import type { FailedAttempt, ResolveResult } from "./resolvers/types";

export type AuthOutcome =
  | {
      ok: true;
      principal: Principal;
      transport: Transport;
      /** The credential's rate limit as it stands after this request: its RateLimit headers go on the answer. */
      rateLimit?: RateLimitDecision;
    }
  | { ok: false; response: Response; attempt?: FailedAttempt };

/** Who an access-log entry is about: the credential of a principal. */
export const attemptOf = (principal: Principal): FailedAttempt => ({
  organizationId: principal.organization.id,
  apiKeyId: principal.apiKeyId,
  accessCodePrefix: principal.accessCodePrefix ?? null,
  credentialKind: principal.credential.kind,
  credentialId: principal.credential.id,
});

/**
 * The one API authenticator: every `/api/v1` route turns its request into a principal here, and never parses
 * credentials itself. Credentials are checked against the database through the verification cache, which holds an
 * answer at most 1 s and is cleared by every revocation in this process, so a revoked credential fails on the very
 * next request here and within a second on other instances.
 */
export async function authenticate(request: Request, body: RequestBody): Promise<AuthOutcome> {
  const extracted = extractCredential(request, body);
  if (!extracted.ok) return { ok: false, response: refusalResponse(extracted.reason) };

  const db = await getDb();
  const throttled = await throttledAuthentication(db, request);
  if (throttled) return { ok: false, response: throttled };

  const kind = parseSecret(extracted.value);
  const prefixed = /^kw[a-z]{2}_/.test(extracted.value);
  // A Keyward-shaped value with a bad checksum is a typo or a forgery: refused without a database lookup.
  const resolver = kind ? RESOLVERS[kind] : prefixed ? undefined : RESOLVERS.custom;
  if (!resolver) {
    await countFailedAuthentication(db, request);
    return { ok: false, response: refusalResponse("invalid") };
  }

  const account = request.headers.get(ACCOUNT_HEADER)?.trim().toLowerCase() || null;
  const result = await resolver(extracted.value, { db, transport: extracted.transport, account });
  if (!result.ok) {
    await countFailedAuthentication(db, request);
    return { ok: false, response: refusalResponse(result.refusal, result.detail), attempt: result.attempt };
  }
  if (isQueryTransport(extracted.transport) && !result.allowQueryStringKeys) {
    return { ok: false, response: refusalResponse("query_strings_off"), attempt: attemptOf(result.principal) };
  }
  // The client address by the trusted-proxy rule: a hop the client wrote itself cannot get it past the list.
  if (!allowedFrom(result, clientIp(request.headers))) {
    return { ok: false, response: refusalResponse("ip_not_allowed"), attempt: attemptOf(result.principal) };
  }
  // Counted after every other check, so refused requests spend none of the budget.
  const rateLimit = result.rateLimits?.length ? await consumeRateLimits(db, result.rateLimits) : null;
  if (rateLimit && !rateLimit.allowed) {
    return {
      ok: false,
      response: refusalResponse("rate_limited", rateLimitedDetail(result.principal, rateLimit), {
        ...rateLimitHeaders(rateLimit),
        "Retry-After": String(rateLimit.resetSeconds),
      }),
      attempt: attemptOf(result.principal),
    };
  }
  return { ok: true, principal: result.principal, transport: extracted.transport, rateLimit: rateLimit ?? undefined };
}

function rateLimitedDetail(principal: Principal, { limit, resetSeconds }: RateLimitDecision): string {
  const whose = principal.credential.kind === "personal_key" ? "This personal API key" : "This API key";
  return `${whose} may make ${limit.requests} ${limit.requests === 1 ? "request" : "requests"} per ${limit.per}, and has used them up. Try again in ${resetSeconds} s.`;
}

/** Whether a resolved credential may be used from `address`: within every IP allowlist of the keys behind it. */
export function allowedFrom(result: Extract<ResolveResult, { ok: true }>, address: string | null): boolean {
  return (result.allowedIps ?? []).every((list) => addressAllowed(address, list));
}
