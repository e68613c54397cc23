import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations } from "@/db/schema";
import { invalidateVerificationCache } from "@/lib/api-auth/resolvers/verification-cache";
import { writeAudit } from "@/lib/audit";
import type { Author } from "@/lib/author";
import type { RequestMeta } from "@/lib/request-meta";
import { fail, ok, type Result } from "@/lib/result";
import type { SettingsInput } from "@/lib/validators/settings";

/** Saves the organisation's API settings; the audit event lists what changed. */
export async function updateSettings(db: Db, author: Author, input: SettingsInput, meta: RequestMeta): Promise<Result> {
  const outcome = await db.transaction(async (tx) => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, author.audit.organizationId)).for("update");
    if (!org) return fail("not_found", "Your organisation was not found.");
    const changes: Record<string, { before: boolean; after: boolean }> = {};
    for (const field of ["allowWritePolicies", "allowQueryStringKeys", "allowPersonalApiKeys"] as const) {
      if (org[field] !== input[field]) changes[field] = { before: org[field], after: input[field] };
    }
    if (Object.keys(changes).length === 0) return ok();
    await tx.update(organizations).set(input).where(eq(organizations.id, org.id));
    await writeAudit(
      tx,
      author.audit,
      { action: "settings.updated", target: { id: org.id, label: org.name }, metadata: { changes } },
      meta,
    );
    return ok();
  });
  // Query-string and write-policy rules apply from the next request on.
  invalidateVerificationCache();
  return outcome;
}
