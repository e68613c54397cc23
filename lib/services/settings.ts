import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations, type Organization } from "@/db/schema";
import { invalidateVerificationCache } from "@/lib/api-auth/resolvers/verification-cache";
import { writeAudit } from "@/lib/audit";
import type { Author } from "@/lib/author";
import type { RequestMeta } from "@/lib/request-meta";
import { fail, ok, type Result } from "@/lib/result";
import {
  updateAccessLogRetentionSchema,
  type UpdateMaxPersonalKeyLifetimeInput,
  type UpdatePersonalKeyRateLimitData,
  type UpdateSettingInput,
} from "@/lib/validators/settings";

type SettingColumn = Exclude<keyof Organization, "id" | "slug" | "name" | "createdAt">;

/**
 * Changes one setting column: the row is locked and only that column is written, so a concurrent change of another
 * setting survives. The audit event lists what changed; saving the same value again changes and audits nothing.
 */
async function changeSetting<F extends SettingColumn>(
  db: Db,
  author: Author,
  field: F,
  after: Organization[F],
  meta: RequestMeta,
): Promise<Result> {
  return db.transaction(async (tx) => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, author.audit.organizationId)).for("update");
    if (!org) return fail("not_found", "Your organisation was not found.");
    const before = org[field];
    if (JSON.stringify(before) === JSON.stringify(after)) return ok();
    await tx.update(organizations).set({ [field]: after }).where(eq(organizations.id, org.id));
    await writeAudit(
      tx,
      author.audit,
      { action: "settings.updated", target: { id: org.id, label: org.name }, metadata: { changes: { [field]: { before, after } } } },
      meta,
    );
    return ok();
  });
}

/** Turns one of the organisation's API settings on or off. */
export async function updateSetting(db: Db, author: Author, input: UpdateSettingInput, meta: RequestMeta): Promise<Result> {
  const outcome = await changeSetting(db, author, input.setting, input.enabled, meta);
  // Query-string and write-policy rules apply from the next request on.
  invalidateVerificationCache();
  return outcome;
}

/**
 * Sets the Maximum personal key lifetime (null days: No limit). Keys made before keep their expiry: cutting them short
 * would break integrations without warning; API Management flags the keys that exceed the new maximum instead.
 */
export async function updateMaxPersonalKeyLifetime(
  db: Db,
  author: Author,
  input: UpdateMaxPersonalKeyLifetimeInput,
  meta: RequestMeta,
): Promise<Result> {
  const days = input.maxLifetime === "none" ? null : Number(input.maxLifetime);
  return changeSetting(db, author, "maxPersonalKeyLifetimeDays", days, meta);
}

/**
 * Sets the Rate limit for personal keys (null: none). The personal-key resolver reads it with the key on every
 * request, so the next request of every personal key obeys it.
 */
export async function updatePersonalKeyRateLimit(
  db: Db,
  author: Author,
  input: UpdatePersonalKeyRateLimitData,
  meta: RequestMeta,
): Promise<Result> {
  return changeSetting(db, author, "personalKeyRateLimit", input.rateLimit, meta);
}

/**
 * Sets Keep access logs for. The service parses the input itself, not only the action: the value decides what the
 * pruning job deletes, so no caller may hand it a number of its own. Entries older than the new period go at the
 * job's next run (lib/access-log/prune.ts); the hourly usage counts stay.
 */
export async function updateAccessLogRetention(db: Db, author: Author, raw: unknown, meta: RequestMeta): Promise<Result> {
  const parsed = updateAccessLogRetentionSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", parsed.error.issues[0]?.message ?? "Choose 30, 90 or 365 days.", "retention");
  return changeSetting(db, author, "accessLogRetentionDays", Number(parsed.data.retention), meta);
}
