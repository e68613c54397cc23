import "server-only";
import type { z } from "zod";
import type { Db } from "@/db/client";
import { json, problem } from "@/lib/api/problem";
import { clientIp, requestMeta } from "@/lib/request-meta";
import {
  revocationRequestSchema,
  tokenRequestSchema,
  type TokenResponse,
} from "@/lib/validators/company-credentials";
import { parseClientAuthentication } from "./client-auth";
import { oauthError, type OAuthErrorCode } from "./errors";
import { readOAuthForm } from "./form";
import { countOAuthFailure, oauthFailureLimits, oauthRetryAfter } from "./rate-limit";
import { authenticateClient, issueAccessToken, revokeAccessToken } from "./tokens";

type Fail = (error: OAuthErrorCode, description: string) => Promise<Response>;

type Started =
  | { ok: false; response: Response }
  | { ok: true; form: URLSearchParams; clientId: string; clientSecret: string; fail: Fail };

/**
 * What the token and revocation endpoints share: the rate limit on failures, the form, and the parsing of client
 * authentication. Every failure counts against the caller's IP and the client id it named; once either is used up,
 * the endpoint answers 429 with Retry-After before it looks at the secret at all.
 */
async function startOAuthRequest(db: Db, request: Request, now: Date): Promise<Started> {
  const body = await readOAuthForm(request);
  const form = body.ok ? body.form : new URLSearchParams();
  const auth = parseClientAuthentication(request.headers.get("authorization"), form);
  const limits = oauthFailureLimits(clientIp(request.headers), auth.clientId);
  const fail: Fail = async (error, description) => {
    await countOAuthFailure(db, limits, now);
    return oauthError(error, description);
  };

  const retryAfter = await oauthRetryAfter(db, limits, now);
  if (retryAfter !== null) {
    return {
      ok: false,
      response: problem("rate_limited", {
        detail: `Too many failed requests for this client or from this address. Try again in ${retryAfter} seconds.`,
        headers: { "Retry-After": String(retryAfter) },
      }),
    };
  }
  if (!body.ok) return { ok: false, response: await fail("invalid_request", body.description) };
  if (!auth.ok) return { ok: false, response: await fail(auth.error, auth.description) };
  return { ok: true, form, clientId: auth.clientId, clientSecret: auth.clientSecret, fail };
}

const firstIssue = (error: z.ZodError) => error.issues[0]?.message ?? "The request is not valid.";

const WRONG_CLIENT = "The client id or secret is wrong, or these API credentials have been deleted.";

/** `POST /api/oauth/token`: the client-credentials grant (RFC 6749 §4.4). */
export async function handleTokenRequest(db: Db, request: Request, now = new Date()): Promise<Response> {
  const started = await startOAuthRequest(db, request, now);
  if (!started.ok) return started.response;
  const { form, fail } = started;
  const params = tokenRequestSchema.safeParse(Object.fromEntries(form));
  if (!params.success) return fail("invalid_request", firstIssue(params.error));
  if (params.data.grant_type !== "client_credentials") {
    return fail("unsupported_grant_type", "Keyward supports only grant_type=client_credentials.");
  }
  const client = await authenticateClient(db, started.clientId, started.clientSecret, now);
  if (!client) return fail("invalid_client", WRONG_CLIENT);
  const { accessToken, expiresIn } = await issueAccessToken(db, client, now, requestMeta(request.headers));
  const body: TokenResponse = { access_token: accessToken, token_type: "Bearer", expires_in: expiresIn };
  return json(body, { headers: { Pragma: "no-cache" } });
}

/**
 * `POST /api/oauth/revoke` (RFC 7009). The client authenticates as at the token endpoint; then the answer is 200
 * whether or not the token existed, was already revoked or belongs to another client, so it reveals nothing.
 */
export async function handleRevocationRequest(db: Db, request: Request, now = new Date()): Promise<Response> {
  const started = await startOAuthRequest(db, request, now);
  if (!started.ok) return started.response;
  const { form, fail } = started;
  const params = revocationRequestSchema.safeParse(Object.fromEntries(form));
  if (!params.success) return fail("invalid_request", firstIssue(params.error));
  const client = await authenticateClient(db, started.clientId, started.clientSecret, now);
  if (!client) return fail("invalid_client", WRONG_CLIENT);
  await revokeAccessToken(db, client, params.data.token, requestMeta(request.headers));
  return new Response(null, { status: 200, headers: { "Cache-Control": "no-store" } });
}
