import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations } from "@/db/schema";
import { invalidateVerificationCache } from "@/lib/api-auth/resolvers/verification-cache";
import { writeAudit } from "@/lib/audit";
import type { Author } from "@/lib/author";
import type { RequestMeta } from "@/lib/request-meta";
import { fail, ok, type Result } from "@/lib/result";
import {
  updateAccessLogRetentionSchema,
  type UpdateMaxPersonalKeyLifetimeInput,
  type UpdateSettingInput,
} from "@/lib/validators/settings";

/**
 * Turns one of the organisation's API settings on or off; the row is locked and only that column is written, so a
 * concurrent change of another switch survives. The audit event lists what changed.
 */
export async function updateSetting(db: Db, author: Author, input: UpdateSettingInput, meta: RequestMeta): Promise<Result> {
  const { setting, enabled } = input;
  const outcome = await db.transaction(async (tx) => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, author.audit.organizationId)).for("update");
    if (!org) return fail("not_found", "Your organisation was not found.");
    if (org[setting] === enabled) return ok();
    await tx.update(organizations).set({ [setting]: enabled }).where(eq(organizations.id, org.id));
    await writeAudit(
      tx,
      author.audit,
      {
        action: "settings.updated",
        target: { id: org.id, label: org.name },
        metadata: { changes: { [setting]: { before: org[setting], after: enabled } } },
      },
      meta,
    );
    return ok();
  });
  // Query-string and write-policy rules apply from the next request on.
  invalidateVerificationCache();
  return outcome;
}

/** A numeric setting of the organisation: the row is locked, only that column written, and the change audited. */
async function changeNumericSetting(
  db: Db,
  author: Author,
  column: "maxPersonalKeyLifetimeDays" | "accessLogRetentionDays",
  value: number | null,
  meta: RequestMeta,
): Promise<Result> {
  return db.transaction(async (tx) => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, author.audit.organizationId)).for("update");
    if (!org) return fail("not_found", "Your organisation was not found.");
    if (org[column] === value) return ok();
    await tx.update(organizations).set({ [column]: value }).where(eq(organizations.id, org.id));
    await writeAudit(
      tx,
      author.audit,
      {
        action: "settings.updated",
        target: { id: org.id, label: org.name },
        metadata: { changes: { [column]: { before: org[column], after: value } } },
      },
      meta,
    );
    return ok();
  });
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
  return changeNumericSetting(db, author, "maxPersonalKeyLifetimeDays", input.maxLifetime === "none" ? null : Number(input.maxLifetime), meta);
}

/**
 * Sets Keep access logs for. The service parses the input itself, not only the action: the value decides what the
 * pruning job deletes, so no caller may hand it a number of its own. Entries older than the new period go at the
 * job's next run (lib/access-log/prune.ts); the hourly usage counts stay.
 */
export async function updateAccessLogRetention(db: Db, author: Author, raw: unknown, meta: RequestMeta): Promise<Result> {
  const parsed = updateAccessLogRetentionSchema.safeParse(raw);
  if (!parsed.success) return fail("invalid", parsed.error.issues[0]?.message ?? "Choose 30, 90 or 365 days.", "retention");
  return changeNumericSetting(db, author, "accessLogRetentionDays", Number(parsed.data.retention), meta);
}
