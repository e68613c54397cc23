import "server-only";
import { and, eq, gt, isNull, or, sql } from "drizzle-orm";
import { companyCredentials, oauthAccessTokens, organizations } from "@/db/schema";
import type { ApiPolicy } from "@/lib/api-auth/policies";
import { hashSecret } from "@/lib/secrets";
import type { CredentialResolver } from "./types";

/**
 * What a company OAuth token may do. The credentials belong to the company, not to a person, and an Office Lead
 * (who generates them) holds no administration permission of their own, so the token gets the read policies only:
 * people, API keys and the audit log. Writes stay with credentials that an Administrator scopes (API keys) or that
 * act as a person (personal keys).
 */
export const OAUTH_TOKEN_POLICIES: ApiPolicy[] = ["users:read", "keys:read", "audit:read"];

const INVALID =
  "The access token is not valid: it has expired, was revoked, the client secret that obtained it has stopped working, or the company's API credentials were deleted. Request a new one at /api/oauth/token.";

/**
 * Resolves a `kwat_…` bearer token. The query joins the live credential (deleted_at is null) and checks expiry and
 * revocation on every request, so deleting the credentials stops their tokens on the very next request, on every
 * app instance, with no cache to invalidate. A token obtained by a rolled secret is valid only while that secret's
 * grace lasts, so it stops on its first request after the grace ends, with no job to revoke it.
 */
export const resolveAccessToken: CredentialResolver = async (secret, { db, transport, now = new Date() }) => {
  // RFC 6750 §2.1: bearer tokens travel in the Authorization header, not in URLs or API-key fields.
  if (transport !== "authorization_bearer") {
    return { ok: false, refusal: "wrong_transport" };
  }
  const [row] = await db
    .select({
      tokenId: oauthAccessTokens.id,
      clientId: companyCredentials.clientId,
      organization: { id: organizations.id, slug: organizations.slug, name: organizations.name },
      allowQueryStringKeys: organizations.allowQueryStringKeys,
    })
    .from(oauthAccessTokens)
    .innerJoin(
      companyCredentials,
      and(eq(companyCredentials.id, oauthAccessTokens.credentialId), isNull(companyCredentials.deletedAt)),
    )
    .innerJoin(organizations, eq(organizations.id, oauthAccessTokens.organizationId))
    .where(
      and(
        eq(oauthAccessTokens.tokenHash, hashSecret(secret)),
        isNull(oauthAccessTokens.revokedAt),
        gt(oauthAccessTokens.expiresAt, now),
        or(
          eq(oauthAccessTokens.secretVersion, companyCredentials.secretVersion),
          and(
            eq(oauthAccessTokens.secretVersion, sql`${companyCredentials.secretVersion} - 1`),
            gt(companyCredentials.previousSecretExpiresAt, now),
          ),
        ),
        eq(companyCredentials.organizationId, oauthAccessTokens.organizationId),
      ),
    );
  if (!row) return { ok: false, refusal: "invalid", detail: INVALID };
  return {
    ok: true,
    allowQueryStringKeys: row.allowQueryStringKeys,
    principal: {
      organization: row.organization,
      credential: { kind: "oauth_token", id: row.tokenId },
      user: null,
      policies: [...OAUTH_TOKEN_POLICIES],
      apiKeyId: null,
      logging: { requests: true, bodies: false },
      auditLabel: `Company API credentials (${row.clientId})`,
    },
  };
};
