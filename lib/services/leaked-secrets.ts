import "server-only";
import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accessCodes, apiKeys, companyCredentials, oauthAccessTokens, personalApiKeys } from "@/db/schema";
import { systemActor, writeAudit } from "@/lib/audit";
import type { Author } from "@/lib/author";
import type { RequestMeta } from "@/lib/request-meta";
import { displayPrefix, hashSecret, isWebhookSecret, parseSecret, type SecretKind } from "@/lib/secrets";
import { setAccessCodeEnabled } from "./api-keys";
import { deleteCompanyCredentials, stopPreviousClientSecret } from "./company-credentials";
import { clearPersonalKey } from "./personal-api-keys";
import { backfillWebhookSecretHashes, rotateReportedWebhookSecret } from "./webhooks";

/** Where a scanner found a secret: the partner's own words, kept with the audit event and shown in the banner. */
export interface LeakReport {
  url: string | null;
  source: string | null;
}

export type LeakVerdict = "true_positive" | "false_positive";

export interface LeakDeps {
  /** The webhook secrets' key (lib/webhooks/secret-box.ts): a leaked signing secret is replaced by a sealed new one. */
  secretKey: Buffer;
  now?: Date;
}

/** What a reported token may be: one of the checksummed secrets, or a Standard Webhooks signing secret. */
type ReportedKind = SecretKind | "webhook_secret";

const kindOf = (token: string): ReportedKind | null => parseSecret(token) ?? (isWebhookSecret(token) ? "webhook_secret" : null);

/** Keyward acting on a partner's report, in the organisation the secret belongs to. */
const scanner = (organizationId: string): Author => ({ audit: systemActor(organizationId), userId: null });

/**
 * Checks one reported token and, when it is a Keyward secret that still works, revokes it at once: an access code
 * is disabled, a personal key cleared, a client secret stopped (the previous one of a roll) or the credentials
 * deleted (the current one: nothing else stops it), an OAuth access token revoked, a webhook signing secret
 * replaced (the old one stops signing at once). Each revocation is the service's
 * own, so it is audited and sends its webhook event as it would from the console; the event records the report.
 * A token that is ours but already revoked is a true positive that changes nothing, so a second report of the same
 * token is harmless. The verdict never says whose the token is.
 */
export async function revokeReportedSecret(db: Db, token: string, report: LeakReport, deps: LeakDeps): Promise<LeakVerdict> {
  const kind = kindOf(token);
  if (!kind) return "false_positive";
  const meta: RequestMeta = { ip: null, userAgent: null, reportedLeak: report };
  return (await REVOKERS[kind](db, token, meta, deps.now ?? new Date(), deps.secretKey)) ? "true_positive" : "false_positive";
}

type Revoker = (db: Db, token: string, meta: RequestMeta, now: Date, secretKey: Buffer) => Promise<boolean>;

const REVOKERS: Record<ReportedKind, Revoker> = {
  access_code: async (db, token, meta) => {
    const hash = hashSecret(token);
    const [code] = await db
      .select({ id: accessCodes.id, enabled: accessCodes.enabled, publicId: apiKeys.publicId, organizationId: apiKeys.organizationId })
      .from(accessCodes)
      .innerJoin(apiKeys, eq(apiKeys.id, accessCodes.apiKeyId))
      .where(eq(accessCodes.secretHash, hash));
    if (!code) return false;
    if (code.enabled) await setAccessCodeEnabled(db, scanner(code.organizationId), code.publicId, code.id, false, meta);
    return true;
  },

  personal_key: async (db, token, meta) => {
    const hash = hashSecret(token);
    const [key] = await db
      .select({
        id: personalApiKeys.id,
        userId: personalApiKeys.userId,
        organizationId: personalApiKeys.organizationId,
        revokedAt: personalApiKeys.revokedAt,
      })
      .from(personalApiKeys)
      .where(eq(personalApiKeys.keyHash, hash));
    if (!key) return false;
    if (!key.revokedAt) await clearPersonalKey(db, scanner(key.organizationId), key.userId, meta, key.id);
    return true;
  },

  client_secret: async (db, token, meta, now) => {
    const hash = hashSecret(token);
    const [current] = await db
      .select({ organizationId: companyCredentials.organizationId, deletedAt: companyCredentials.deletedAt })
      .from(companyCredentials)
      .where(eq(companyCredentials.secretHash, hash));
    if (current) {
      if (!current.deletedAt) await deleteCompanyCredentials(db, scanner(current.organizationId), meta);
      return true;
    }
    const [previous] = await db
      .select({ organizationId: companyCredentials.organizationId })
      .from(companyCredentials)
      .where(
        and(
          eq(companyCredentials.previousSecretHash, hash),
          isNull(companyCredentials.deletedAt),
          gt(companyCredentials.previousSecretExpiresAt, now),
        ),
      );
    if (previous) await stopPreviousClientSecret(db, scanner(previous.organizationId), meta, now);
    // A previous secret past its grace is forgotten: its hash is no longer stored, so it cannot be told from noise.
    return Boolean(previous);
  },

  access_token: async (db, token, meta, now) => {
    const hash = hashSecret(token);
    const [row] = await db
      .select({ id: oauthAccessTokens.id, organizationId: oauthAccessTokens.organizationId, revokedAt: oauthAccessTokens.revokedAt })
      .from(oauthAccessTokens)
      .where(eq(oauthAccessTokens.tokenHash, hash));
    if (!row) return false;
    if (row.revokedAt) return true;
    await db.transaction(async (tx) => {
      const [revoked] = await tx
        .update(oauthAccessTokens)
        .set({ revokedAt: now })
        .where(and(eq(oauthAccessTokens.id, row.id), isNull(oauthAccessTokens.revokedAt)))
        .returning({ id: oauthAccessTokens.id });
      if (revoked) {
        await writeAudit(tx, systemActor(row.organizationId), { action: "oauth_token.revoked", target: { id: row.id, label: displayPrefix(token) } }, meta);
      }
    });
    return true;
  },
  // No checksum: a reported whsec_ is ours only if its hash is a webhook's, current or replaced; else noise.
  webhook_secret: async (db, token, meta, _now, secretKey) => {
    await backfillWebhookSecretHashes(db, secretKey);
    return rotateReportedWebhookSecret(db, hashSecret(token), meta, secretKey);
  },
};
