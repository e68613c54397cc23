import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations } from "@/db/schema";
import { invalidateVerificationCache } from "@/lib/api-auth/resolvers/verification-cache";
import { writeAudit } from "@/lib/audit";
import type { Author } from "@/lib/author";
import type { RequestMeta } from "@/lib/request-meta";
import { fail, ok, type Result } from "@/lib/result";
import type { UpdateMaxPersonalKeyLifetimeInput, UpdateSettingInput } from "@/lib/validators/settings";

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
  return db.transaction(async (tx) => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, author.audit.organizationId)).for("update");
    if (!org) return fail("not_found", "Your organisation was not found.");
    if (org.maxPersonalKeyLifetimeDays === days) return ok();
    await tx.update(organizations).set({ maxPersonalKeyLifetimeDays: days }).where(eq(organizations.id, org.id));
    await writeAudit(
      tx,
      author.audit,
      {
        action: "settings.updated",
        target: { id: org.id, label: org.name },
        metadata: { changes: { maxPersonalKeyLifetimeDays: { before: org.maxPersonalKeyLifetimeDays, after: days } } },
      },
      meta,
    );
    return ok();
  });
}
