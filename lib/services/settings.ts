import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { organizations } from "@/db/schema";
import { invalidateVerificationCache } from "@/lib/api-auth/resolvers/verification-cache";
import { writeAudit, type AuditActor } from "@/lib/audit";
import type { RequestMeta } from "@/lib/request-meta";
import type { SettingsInput } from "@/lib/validators/api-keys";

/** Saves the organisation's API settings; the audit event lists what changed. */
export async function updateSettings(db: Db, actor: AuditActor, input: SettingsInput, meta: RequestMeta) {
  const outcome = await db.transaction(async (tx) => {
    const [org] = await tx.select().from(organizations).where(eq(organizations.id, actor.organizationId)).for("update");
    if (!org) return { ok: false as const };
    const changes: Record<string, { before: boolean; after: boolean }> = {};
    for (const field of ["allowWritePolicies", "allowQueryStringKeys", "allowPersonalApiKeys"] as const) {
      if (org[field] !== input[field]) changes[field] = { before: org[field], after: input[field] };
    }
    if (Object.keys(changes).length === 0) return { ok: true as const };
    await tx.update(organizations).set(input).where(eq(organizations.id, org.id));
    await writeAudit(
      tx,
      actor,
      { action: "settings.updated", target: { type: "settings", id: org.id, label: org.name }, metadata: { changes } },
      meta,
    );
    return { ok: true as const };
  });
  // Query-string and write-policy rules apply from the next request on.
  invalidateVerificationCache();
  return outcome;
}
