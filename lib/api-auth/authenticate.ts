import "server-only";
import { getDb } from "@/db/client";
import { problem, unauthorized } from "@/lib/api/problem";
import { parseSecret } from "@/lib/secrets";
import { extractCredential, isQueryTransport, type Transport } from "./credential-transport";
import { countFailedAuthentication, throttledAuthentication } from "./failure-throttle";
import type { Principal } from "./principal";
import { RESOLVERS } from "./resolvers";
import type { FailedAttempt } from "./resolvers/types";

export type AuthOutcome =
  | { ok: true; principal: Principal; transport: Transport }
  | { ok: false; response: Response; attempt?: FailedAttempt };

/**
 * The one API authenticator: every `/api/v1` route turns its request into a principal here, and never parses
 * credentials itself. Everything is read from the database on each request, so a revoked credential fails on
 * the very next one.
 */
export async function authenticate(request: Request): Promise<AuthOutcome> {
  const extracted = await extractCredential(request);
  if (!extracted.ok) {
    if (extracted.reason === "ambiguous") {
      return {
        ok: false,
        response: problem("invalid_request", { detail: "The request carries two different credentials; send exactly one." }),
      };
    }
    return {
      ok: false,
      response: unauthorized(
        "This request carries no credential. Send an access code in the X-API-Key header, or a bearer token.",
        null,
      ),
    };
  }

  const db = await getDb();
  const throttled = await throttledAuthentication(db, request);
  if (throttled) return { ok: false, response: throttled };

  const kind = parseSecret(extracted.value);
  const prefixed = /^kw[a-z]{2}_/.test(extracted.value);
  // A Keyward-shaped value with a bad checksum is a typo or a forgery: refused without a database lookup.
  const resolver = kind ? RESOLVERS[kind] : prefixed ? undefined : RESOLVERS.custom;
  if (!resolver) {
    await countFailedAuthentication(db, request);
    return { ok: false, response: unauthorized("The credential is not valid.") };
  }

  const result = await resolver(extracted.value, { db, request, transport: extracted.transport });
  if (!result.ok) {
    await countFailedAuthentication(db, request);
    return {
      ok: false,
      response:
        result.status === 400 ? problem("invalid_request", { detail: result.detail }) : unauthorized(result.detail),
      attempt: result.attempt,
    };
  }
  if (isQueryTransport(extracted.transport) && !result.allowQueryStringKeys) {
    return {
      ok: false,
      response: unauthorized(
        "Keys in query strings are turned off for this organisation, because URLs end up in logs. Send the key in the X-API-Key header instead.",
      ),
      attempt: {
        organizationId: result.principal.organization.id,
        apiKeyId: result.principal.apiKeyId,
        accessCodePrefix: result.principal.accessCodePrefix ?? null,
        credentialKind: result.principal.credential.kind,
        credentialId: result.principal.credential.id,
      },
    };
  }
  return { ok: true, principal: result.principal, transport: extracted.transport };
}
