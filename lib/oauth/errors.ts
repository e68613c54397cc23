import { problem } from "@/lib/api/problem";

/** RFC 6749 §5.2 and RFC 7009 §2.2.1 error codes that Keyward answers. */
export type OAuthErrorCode = "invalid_request" | "invalid_client" | "unsupported_grant_type" | "unsupported_token_type";

/**
 * An OAuth error. The body is the problem document of every other `/api` error (`type`, `title`, `status`,
 * `detail`) plus RFC 6749's `error` and `error_description`; the media type is `application/json`, as RFC 6749
 * §5.2 requires, because standard OAuth clients (openid-client, oauth4webapi…) refuse any other type on an error.
 * `invalid_client` is a 401 with an HTTP Basic challenge (§5.2: MUST when the client used the Authorization header).
 */
export function oauthError(error: OAuthErrorCode, description: string): Response {
  const unauthorized = error === "invalid_client";
  const response = problem(unauthorized ? "unauthorized" : "invalid_request", {
    detail: description,
    headers: unauthorized ? { "WWW-Authenticate": `Basic realm="keyward", charset="UTF-8"` } : undefined,
    extensions: { error, error_description: description },
  });
  response.headers.set("Content-Type", "application/json");
  response.headers.set("Pragma", "no-cache");
  return response;
}
