import { and, eq, gt, isNull, lte, notExists, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import type { Db, Tx } from "@/db/client";
import { accessCodes, apiKeys, expiryNotices, personalApiKeys, users } from "@/db/schema";
import { systemActor, writeAudit } from "@/lib/audit";
import type { AuditAction } from "@/lib/audit-catalogue";
import { DAY_MS, EXPIRY_THRESHOLDS, type ExpiryThreshold } from "./thresholds";

/** The advisory lock (class 3; classes 1 and 2 are the sign-in guard's) that lets one instance at a time run the job. */
const LOCK = sql`select pg_try_advisory_xact_lock(3, 0) as locked`;
/** Credentials handled per threshold and kind in one run; the rest wait for the next minute. */
const BATCH = 200;
/** Expired notices only for credentials that expired this recently: the first run must not replay years of expiries. */
const EXPIRED_LOOKBACK_DAYS = 30;
const NO_META = { ip: null, userAgent: null };

export interface ExpiryJobOutcome {
  /** False when another instance held the lock: this run did nothing. */
  ran: boolean;
  /** Notices written (each an audit event and its webhook events). */
  notices: number;
}

interface Candidate {
  organizationId: string;
  id: string;
  expiresAt: Date;
  label: string;
  ownerUserId: string | null;
  metadata: Record<string, unknown>;
}

const ACTIONS = {
  access_code: { expiring: "access_code.expiring", expired: "access_code.expired" },
  personal_api_key: { expiring: "personal_api_key.expiring", expired: "personal_api_key.expired" },
} as const satisfies Record<string, Record<"expiring" | "expired", AuditAction>>;

/**
 * Gives notice of expiries: for each access code and personal key that expires within 14 days, within 3 days, or has
 * expired, writes one audit event (Keyward as the actor) and the webhook events it causes (AccessCode / PersonalApiKey
 * Expiring or Expired). Each (credential, threshold) notice happens once: its row in expiry_notices is inserted in
 * the transaction of its audit event, under a unique index. The transaction-scoped advisory lock keeps concurrent runs
 * (several instances) from doing the same work twice; the unique index holds even without it. `now` lets tests move
 * the clock.
 */
export async function runExpiryJob(db: Db, now: Date = new Date()): Promise<ExpiryJobOutcome> {
  return db.transaction(async (tx) => {
    const result = await tx.execute(LOCK);
    const rows = (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as { locked: boolean }[];
    if (!rows[0]?.locked) return { ran: false, notices: 0 };
    let notices = 0;
    for (const { threshold, days } of EXPIRY_THRESHOLDS) {
      const window = windowOf(threshold, days, now);
      for (const candidate of await expiringCodes(tx, threshold, window)) {
        notices += await giveNotice(tx, "access_code", threshold, candidate, now);
      }
      for (const candidate of await expiringPersonalKeys(tx, threshold, window)) {
        notices += await giveNotice(tx, "personal_api_key", threshold, candidate, now);
      }
    }
    return { ran: true, notices };
  });
}

/**
 * The expiries each threshold covers, as a half-open interval (after, until]: within 14 days but not within 3, within
 * 3 days but not expired, expired. A credential made with 2 days left gets the 3-day notice alone, not a late 14-day.
 */
function windowOf(threshold: ExpiryThreshold, days: number, now: Date): Window {
  const at = (d: number) => new Date(now.getTime() + d * DAY_MS);
  if (threshold === "expired") return { after: at(-EXPIRED_LOOKBACK_DAYS), until: now };
  const next = EXPIRY_THRESHOLDS.find((t) => t.days < days)!;
  return { after: at(next.days), until: at(days) };
}

type Window = { after: Date; until: Date };

/** Credentials of `type` whose expiry falls in the window and that have had no notice at this threshold yet. */
const due = (tx: Tx, type: "access_code" | "personal_api_key", columns: { id: AnyPgColumn; expiresAt: AnyPgColumn }, threshold: ExpiryThreshold, window: Window) => [
  gt(columns.expiresAt, window.after),
  lte(columns.expiresAt, window.until),
  notExists(
    tx
      .select({ one: sql`1` })
      .from(expiryNotices)
      .where(and(eq(expiryNotices.credentialType, type), eq(expiryNotices.credentialId, columns.id), eq(expiryNotices.threshold, threshold))),
  ),
];

/** Enabled codes of keys that are not archived: a code nobody can use needs no warning. */
async function expiringCodes(tx: Tx, threshold: ExpiryThreshold, window: Window): Promise<Candidate[]> {
  const rows = await tx
    .select({
      organizationId: apiKeys.organizationId,
      id: accessCodes.id,
      expiresAt: accessCodes.expiresAt,
      label: accessCodes.displayPrefix,
      description: accessCodes.description,
      apiKeyId: apiKeys.publicId,
      apiKeyName: apiKeys.name,
    })
    .from(accessCodes)
    .innerJoin(apiKeys, eq(apiKeys.id, accessCodes.apiKeyId))
    .where(and(eq(accessCodes.enabled, true), isNull(apiKeys.archivedAt), ...due(tx, "access_code", accessCodes, threshold, window)))
    .orderBy(accessCodes.expiresAt)
    .limit(BATCH);
  return rows.map(({ description, apiKeyId, apiKeyName, ...code }) => ({
    ...code,
    ownerUserId: null,
    metadata: { apiKeyId, apiKeyName, description },
  }));
}

/** Live (not revoked) personal keys with an expiry; the target is the key's person, as for its other events. */
async function expiringPersonalKeys(tx: Tx, threshold: ExpiryThreshold, window: Window): Promise<Candidate[]> {
  const rows = await tx
    .select({
      organizationId: personalApiKeys.organizationId,
      id: personalApiKeys.id,
      expiresAt: personalApiKeys.expiresAt,
      label: users.name,
      ownerUserId: users.id,
      prefix: personalApiKeys.prefix,
    })
    .from(personalApiKeys)
    .innerJoin(users, eq(users.id, personalApiKeys.userId))
    .where(and(isNull(personalApiKeys.revokedAt), ...due(tx, "personal_api_key", personalApiKeys, threshold, window)))
    .orderBy(personalApiKeys.expiresAt)
    .limit(BATCH);
  // The window's bounds exclude keys without expiry.
  return rows.map(({ prefix, expiresAt, ...key }) => ({ ...key, expiresAt: expiresAt!, metadata: { prefix } }));
}

/** The notice row, then its audit event: both or neither. Returns 1 when this call wrote it. */
async function giveNotice(
  tx: Tx,
  type: "access_code" | "personal_api_key",
  threshold: ExpiryThreshold,
  candidate: Candidate,
  now: Date,
): Promise<number> {
  const [inserted] = await tx
    .insert(expiryNotices)
    .values({ organizationId: candidate.organizationId, credentialType: type, credentialId: candidate.id, threshold, expiresAt: candidate.expiresAt })
    .onConflictDoNothing()
    .returning({ id: expiryNotices.id });
  if (!inserted) return 0;
  const expired = threshold === "expired";
  await writeAudit(
    tx,
    systemActor(candidate.organizationId),
    {
      action: ACTIONS[type][expired ? "expired" : "expiring"],
      target: { id: candidate.id, label: candidate.label },
      metadata: {
        ...candidate.metadata,
        threshold,
        expiresAt: candidate.expiresAt.toISOString(),
        ...(expired ? {} : { daysLeft: Math.ceil((candidate.expiresAt.getTime() - now.getTime()) / DAY_MS) }),
      },
      ownerUserId: candidate.ownerUserId,
    },
    NO_META,
  );
  return 1;
}
