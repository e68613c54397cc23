import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { companyCredentials, oauthAccessTokens } from "@/db/schema";
import { writeAudit, type AuditActor } from "@/lib/audit";
import { isUniqueViolation } from "@/lib/errors";
import type { RequestMeta } from "@/lib/request-meta";
import { displayPrefix, generatePublicId, generateSecret, hashSecret } from "@/lib/secrets";

export const CLIENT_ID_PREFIX = "kwc_";

export type GenerateCredentialsOutcome =
  | { ok: true; credentials: { id: string; clientId: string; clientSecret: string; createdAt: Date } }
  | { ok: false; reason: "already_exist" };

/** The person behind a console actor, for the "by" columns; null for API actors. */
const personId = (actor: AuditActor) => (actor.type === "user" ? actor.id : null);

export type DeleteCredentialsOutcome = { ok: true; deletedAt: Date } | { ok: false; reason: "not_found" };

/**
 * Generates the organisation's API credentials with their audit event, in one transaction. The secret is returned
 * once, here, and stored only as its hash. One active pair per organisation is guaranteed by a unique partial
 * index: when two Office Leads generate at the same moment, the second insert fails with a unique violation and
 * gets "already_exist", whatever the first check saw.
 */
export async function generateCompanyCredentials(
  db: Db,
  actor: AuditActor,
  meta: RequestMeta,
): Promise<GenerateCredentialsOutcome> {
  const clientSecret = generateSecret("client_secret");
  try {
    return await db.transaction(async (tx) => {
      const [existing] = await tx
        .select({ id: companyCredentials.id })
        .from(companyCredentials)
        .where(and(eq(companyCredentials.organizationId, actor.organizationId), isNull(companyCredentials.deletedAt)));
      if (existing) return { ok: false, reason: "already_exist" } as const;
      const [row] = await tx
        .insert(companyCredentials)
        .values({
          organizationId: actor.organizationId,
          clientId: generatePublicId(CLIENT_ID_PREFIX),
          secretHash: hashSecret(clientSecret),
          secretPrefix: displayPrefix(clientSecret),
          createdById: personId(actor),
        })
        .returning();
      await writeAudit(
        tx,
        actor,
        {
          action: "company_credentials.generated",
          target: { type: "company_credentials", id: row!.id, label: row!.clientId },
          metadata: { clientId: row!.clientId, secretPrefix: row!.secretPrefix },
        },
        meta,
      );
      return {
        ok: true,
        credentials: { id: row!.id, clientId: row!.clientId, clientSecret, createdAt: row!.createdAt },
      } as const;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, reason: "already_exist" };
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
  actor: AuditActor,
  meta: RequestMeta,
): Promise<DeleteCredentialsOutcome> {
  return db.transaction(async (tx) => {
    const now = new Date();
    const [row] = await tx
      .update(companyCredentials)
      .set({ deletedAt: now, deletedById: personId(actor) })
      .where(and(eq(companyCredentials.organizationId, actor.organizationId), isNull(companyCredentials.deletedAt)))
      .returning();
    if (!row) return { ok: false, reason: "not_found" } as const;
    const revoked = await tx
      .update(oauthAccessTokens)
      .set({ revokedAt: now })
      .where(and(eq(oauthAccessTokens.credentialId, row.id), isNull(oauthAccessTokens.revokedAt)))
      .returning({ id: oauthAccessTokens.id });
    await writeAudit(
      tx,
      actor,
      {
        action: "company_credentials.deleted",
        target: { type: "company_credentials", id: row.id, label: row.clientId },
        metadata: { clientId: row.clientId, revokedTokens: revoked.length },
      },
      meta,
    );
    return { ok: true, deletedAt: now } as const;
  });
}
