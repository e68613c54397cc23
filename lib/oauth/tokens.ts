import "server-only";
import { and, eq, isNull, lt } from "drizzle-orm";
import type { Db, Executor } from "@/db/client";
import { getActiveCredentialsByClientId } from "@/db/queries/company-credentials";
import { oauthAccessTokens } from "@/db/schema";
import { writeAudit, type AuditActor } from "@/lib/audit";
import type { RequestMeta } from "@/lib/request-meta";
import { displayPrefix, generateSecret, hashSecret, isPublicId, parseSecret, secretMatchesHash } from "@/lib/secrets";
import { CLIENT_ID_PREFIX } from "./client-id";

/** One hour: a leaked token soon stops working, and a client gets a new one from its credentials at any time. */
export const ACCESS_TOKEN_TTL_SECONDS = 3600;

export interface AuthenticatedClient {
  credentialId: string;
  organizationId: string;
  clientId: string;
  /** The version of the secret that authenticated: the current one, or the previous one during its grace. */
  secretVersion: number;
}

// Compared against when the client id is unknown, so a miss costs the same hash comparison as a hit.
const UNKNOWN_CLIENT_HASH = hashSecret("keyward-unknown-client");

/**
 * The live credentials whose client id and secret these are, or null. Deleted credentials authenticate nothing; a
 * rolled secret authenticates until its grace ends at `previousSecretExpiresAt`.
 */
export async function authenticateClient(
  db: Executor,
  clientId: string,
  clientSecret: string,
  now = new Date(),
): Promise<AuthenticatedClient | null> {
  // A value that is not a well-formed client secret (checksum included) is refused without a lookup.
  if (parseSecret(clientSecret) !== "client_secret" || !isPublicId(CLIENT_ID_PREFIX, clientId)) return null;
  const credentials = await getActiveCredentialsByClientId(db, clientId);
  const current = secretMatchesHash(clientSecret, credentials?.secretHash ?? UNKNOWN_CLIENT_HASH);
  // Both comparisons always run, so the answer's timing says nothing about which secret matched.
  const previous = secretMatchesHash(clientSecret, credentials?.previousSecretHash ?? UNKNOWN_CLIENT_HASH);
  if (!credentials) return null;
  const inGrace = credentials.previousSecretExpiresAt !== null && credentials.previousSecretExpiresAt > now;
  if (!current && !(previous && inGrace && credentials.previousSecretHash)) return null;
  return {
    credentialId: credentials.id,
    organizationId: credentials.organizationId,
    clientId: credentials.clientId,
    secretVersion: current ? credentials.secretVersion : credentials.secretVersion - 1,
  };
}

/** The client as the audit log names it, as the API's access log does. */
const clientActor = (client: AuthenticatedClient): AuditActor => ({
  type: "oauth_client",
  id: client.credentialId,
  label: `Company API credentials (${client.clientId})`,
  organizationId: client.organizationId,
});

const NO_META: RequestMeta = { ip: null, userAgent: null };

/**
 * Issues an opaque `kwat_…` access token for `client`; only its hash is stored. The `oauth_token.issued` event
 * names the token by its id and display prefix, never the token.
 */
export async function issueAccessToken(db: Db, client: AuthenticatedClient, now = new Date(), meta = NO_META) {
  const accessToken = generateSecret("access_token");
  const expiresAt = new Date(now.getTime() + ACCESS_TOKEN_TTL_SECONDS * 1000);
  await db.transaction(async (tx) => {
    const [token] = await tx
      .insert(oauthAccessTokens)
      .values({
        credentialId: client.credentialId,
        organizationId: client.organizationId,
        secretVersion: client.secretVersion,
        tokenHash: hashSecret(accessToken),
        expiresAt,
      })
      .returning({ id: oauthAccessTokens.id });
    await writeAudit(
      tx,
      clientActor(client),
      {
        action: "oauth_token.issued",
        target: { id: token!.id, label: displayPrefix(accessToken) },
        metadata: { clientId: client.clientId, expiresAt: expiresAt.toISOString() },
      },
      meta,
    );
    // Tokens expired for a day serve no one: drop this client's, which keeps the table small without a scheduler.
    await tx
      .delete(oauthAccessTokens)
      .where(
        and(
          eq(oauthAccessTokens.credentialId, client.credentialId),
          lt(oauthAccessTokens.expiresAt, new Date(now.getTime() - 24 * 3600_000)),
        ),
      );
  });
  return { accessToken, expiresIn: ACCESS_TOKEN_TTL_SECONDS };
}

/**
 * Revokes `token` if it is an access token issued to `client` (RFC 7009 §2.1: a client may revoke only its own
 * tokens), with an `oauth_token.revoked` event. Anything else is silently ignored: the endpoint answers 200 either
 * way, and nothing is recorded for a token that was not this client's to revoke.
 */
export async function revokeAccessToken(db: Db, client: AuthenticatedClient, token: string, meta = NO_META): Promise<boolean> {
  if (parseSecret(token) !== "access_token") return false;
  return db.transaction(async (tx) => {
    const revoked = await tx
      .update(oauthAccessTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(oauthAccessTokens.tokenHash, hashSecret(token)),
          eq(oauthAccessTokens.credentialId, client.credentialId),
          isNull(oauthAccessTokens.revokedAt),
        ),
      )
      .returning({ id: oauthAccessTokens.id });
    const row = revoked[0];
    if (!row) return false;
    await writeAudit(
      tx,
      clientActor(client),
      { action: "oauth_token.revoked", target: { id: row.id, label: displayPrefix(token) }, metadata: { clientId: client.clientId } },
      meta,
    );
    return true;
  });
}
