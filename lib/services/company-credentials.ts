import "server-only";
import { and, eq, isNull, lt } from "drizzle-orm";
import type { Db, Executor } from "@/db/client";
import { companyCredentials, oauthAccessTokens } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { Author } from "@/lib/author";
import { isUniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { fail, ok, type Result } from "@/lib/result";
import { CLIENT_ID_PREFIX } from "@/lib/oauth/client-id";
import { displayPrefix, generatePublicId, generateSecret, hashSecret } from "@/lib/secrets";
import { graceEndsAt, ROLL_GRACE_PERIODS, type RollGracePeriod } from "@/lib/validators/roll-grace";

/** The organisation's credentials that are not deleted: at most one row. */
const liveCredentials = (organizationId: string) =>
  and(eq(companyCredentials.organizationId, organizationId), isNull(companyCredentials.deletedAt));

/** Reads the live credentials under a row lock, so that concurrent rolls and stops run one after the other. */
async function lockLiveCredentials(tx: Executor, organizationId: string) {
  const [row] = await tx.select().from(companyCredentials).where(liveCredentials(organizationId)).for("update");
  return row;
}

export interface GeneratedCredentials {
  id: string;
  clientId: string;
  /** Returned once, here; only its hash is stored. */
  clientSecret: string;
  createdAt: Date;
}

const ALREADY_EXIST = fail(
  "conflict",
  "Your company already has API credentials: someone generated them a moment ago. The page now shows them; delete them first if you need new ones.",
);

/**
 * Generates the organisation's API credentials with their audit event, in one transaction. The secret is returned
 * once, here, and stored only as its hash. One active pair per organisation is guaranteed by a unique partial
 * index: when two Office Leads generate at the same moment, the second insert fails with a unique violation and
 * gets the same conflict, whatever the first check saw.
 */
export async function generateCompanyCredentials(
  db: Db,
  author: Author,
  meta: RequestMeta,
): Promise<Result<GeneratedCredentials>> {
  const clientSecret = generateSecret("client_secret");
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: companyCredentials.id })
        .from(companyCredentials)
        .where(liveCredentials(author.audit.organizationId));
      if (existing) return ALREADY_EXIST;
      const [row] = await tx
        .insert(companyCredentials)
        .values({
          organizationId: author.audit.organizationId,
          clientId: generatePublicId(CLIENT_ID_PREFIX),
          secretHash: hashSecret(clientSecret),
          secretPrefix: displayPrefix(clientSecret),
          createdById: author.userId,
        })
        .returning();
      await writeAudit(
        tx,
        author.audit,
        {
          action: "company_credentials.generated",
          target: { id: row!.id, label: row!.clientId },
          metadata: { clientId: row!.clientId, secretPrefix: row!.secretPrefix },
        },
        meta,
      );
      return ok({ id: row!.id, clientId: row!.clientId, clientSecret, createdAt: row!.createdAt });
    });
  } catch (error) {
    if (isUniqueViolation(error)) return ALREADY_EXIST;
    throw error;
  }
}

/**
 * Deletes the organisation's active credentials with their audit event, in one transaction. Every token issued
 * under them is revoked in the same transaction; the token resolver also joins the live credential, so no token
 * outlives its credentials even by one request.
 */
export async function deleteCompanyCredentials(
  db: Db,
  author: Author,
  meta: RequestMeta,
): Promise<Result<{ deletedAt: Date }>> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .update(companyCredentials)
      .set({ deletedAt: now, deletedById: author.userId })
      .where(liveCredentials(author.audit.organizationId))
      .returning();
    if (!row) return fail("not_found", "Your company has no API credentials to delete: someone deleted them already.");
    const revoked = await tx
      .update(oauthAccessTokens)
      .set({ revokedAt: now })
      .where(and(eq(oauthAccessTokens.credentialId, row.id), isNull(oauthAccessTokens.revokedAt)))
      .returning({ id: oauthAccessTokens.id });
    await writeAudit(
      tx,
      author.audit,
      {
        action: "company_credentials.deleted",
        target: { id: row.id, label: row.clientId },
        metadata: { clientId: row.clientId, revokedTokens: revoked.length },
      },
      meta,
    );
    return ok({ deletedAt: now });
  });
}

const NOTHING_TO_ROLL = fail("not_found", "Your company has no API credentials to roll: generate them first.");

/** Revokes the tokens obtained by secrets older than `currentVersion`: they end with the secret that obtained them. */
async function revokeOlderTokens(tx: Executor, credentialId: string, currentVersion: number, now: Date) {
  const revoked = await tx
    .update(oauthAccessTokens)
    .set({ revokedAt: now })
    .where(
      and(
        eq(oauthAccessTokens.credentialId, credentialId),
        lt(oauthAccessTokens.secretVersion, currentVersion),
        isNull(oauthAccessTokens.revokedAt),
      ),
    )
    .returning({ id: oauthAccessTokens.id });
  return revoked.length;
}

export interface RolledSecret extends GeneratedCredentials {
  /** When the previous secret stops working; null when it stopped at once. */
  previousSecretExpiresAt: Date | null;
}

/**
 * Replaces the client secret under the same client id. The old secret keeps obtaining tokens for `grace`, then it
 * and its tokens stop; "now" stops them in this transaction. The row is locked first, so concurrent rolls run one
 * after the other: each moves the then-current secret to previous, which leaves exactly one current and at most
 * one previous secret (a secret still in its grace when another roll happens stops at that moment, with its tokens).
 */
export async function rollClientSecret(
  db: Db,
  author: Author,
  grace: RollGracePeriod,
  meta: RequestMeta,
  now = new Date(),
): Promise<Result<RolledSecret>> {
  const clientSecret = generateSecret("client_secret");
  return db.transaction(async (tx) => {
    const current = await lockLiveCredentials(tx, author.audit.organizationId);
    if (!current) return NOTHING_TO_ROLL;
    const previousSecretExpiresAt = graceEndsAt(grace, now);
    const keepsPrevious = previousSecretExpiresAt !== null;
    const [row] = await tx
      .update(companyCredentials)
      .set({
        secretHash: hashSecret(clientSecret),
        secretPrefix: displayPrefix(clientSecret),
        secretVersion: current.secretVersion + 1,
        previousSecretHash: keepsPrevious ? current.secretHash : null,
        previousSecretPrefix: keepsPrevious ? current.secretPrefix : null,
        previousSecretExpiresAt,
        rolledById: author.userId,
        rolledAt: now,
      })
      .where(eq(companyCredentials.id, current.id))
      .returning();
    // Tokens of the secret that was previous until now end here; with "now", so do the rolled secret's.
    const revokedTokens = await revokeOlderTokens(tx, row!.id, keepsPrevious ? current.secretVersion : row!.secretVersion, now);
    await writeAudit(
      tx,
      author.audit,
      {
        action: "company_credentials.rolled",
        target: { id: row!.id, label: row!.clientId },
        metadata: {
          clientId: row!.clientId,
          secretPrefix: row!.secretPrefix,
          previousSecretPrefix: current.secretPrefix,
          grace: ROLL_GRACE_PERIODS[grace].label,
          previousSecretExpiresAt: (previousSecretExpiresAt ?? now).toISOString(),
          revokedTokens,
        },
      },
      meta,
    );
    return ok({ id: row!.id, clientId: row!.clientId, clientSecret, createdAt: now, previousSecretExpiresAt });
  });
}

/** Ends the previous secret's grace at once: the secret is forgotten and every token it obtained is revoked. */
export async function stopPreviousClientSecret(
  db: Db,
  author: Author,
  meta: RequestMeta,
  now = new Date(),
): Promise<Result<{ stoppedAt: Date }>> {
  return db.transaction(async (tx) => {
    const current = await lockLiveCredentials(tx, author.audit.organizationId);
    if (!current?.previousSecretHash || !current.previousSecretExpiresAt || current.previousSecretExpiresAt <= now) {
      return fail("not_found", "There is no previous client secret to stop: it has stopped working already.");
    }
    await tx
      .update(companyCredentials)
      .set({ previousSecretHash: null, previousSecretPrefix: null, previousSecretExpiresAt: null })
      .where(eq(companyCredentials.id, current.id));
    const revokedTokens = await revokeOlderTokens(tx, current.id, current.secretVersion, now);
    await writeAudit(
      tx,
      author.audit,
      {
        action: "company_credentials.previous_secret_stopped",
        target: { id: current.id, label: current.clientId },
        metadata: { clientId: current.clientId, previousSecretPrefix: current.previousSecretPrefix, revokedTokens },
      },
      meta,
    );
    return ok({ stoppedAt: now });
  });
}
