import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { companyCredentials, oauthAccessTokens } from "@/db/schema";
import { writeAudit } from "@/lib/audit";
import type { Author } from "@/lib/author";
import { isUniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { fail, ok, type Result } from "@/lib/result";
import { CLIENT_ID_PREFIX } from "@/lib/oauth/client-id";
import { displayPrefix, generatePublicId, generateSecret, hashSecret } from "@/lib/secrets";

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
        .where(and(eq(companyCredentials.organizationId, author.audit.organizationId), isNull(companyCredentials.deletedAt)));
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
      .where(and(eq(companyCredentials.organizationId, author.audit.organizationId), isNull(companyCredentials.deletedAt)))
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
