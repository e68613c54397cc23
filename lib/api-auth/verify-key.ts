import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accessCodes, apiKeys, organizations } from "@/db/schema";
import { hashSecret, parseSecret } from "@/lib/secrets";
import { resolveAccessCode } from "./resolvers/access-code";

export type VerifyResult =
  | {
      valid: true;
      keyId: string;
      organization: { id: string; slug: string; name: string };
      policies: string[];
      expiresAt: string;
    }
  | { valid: false; code: "NOT_FOUND" | "DISABLED" | "EXPIRED" | "ARCHIVED" };

/**
 * For gateways: whether an access code would be accepted now. Its state is read from the database, uncached; the
 * policies come from the request resolver, so through its ≤ 1 s cache. An unknown value is NOT_FOUND whatever it
 * looks like; nothing says whether it exists as another kind of secret.
 */
export async function verifyKey(db: Db, value: string): Promise<VerifyResult> {
  const kind = parseSecret(value);
  if (kind ? kind !== "access_code" : /^kw[a-z]{2}_/.test(value)) return { valid: false, code: "NOT_FOUND" };
  const [row] = await db
    .select({
      enabled: accessCodes.enabled,
      expiresAt: accessCodes.expiresAt,
      archivedAt: apiKeys.archivedAt,
      keyId: apiKeys.publicId,
    })
    .from(accessCodes)
    .innerJoin(apiKeys, eq(apiKeys.id, accessCodes.apiKeyId))
    .innerJoin(organizations, eq(organizations.id, apiKeys.organizationId))
    .where(eq(accessCodes.secretHash, hashSecret(value)));
  if (!row) return { valid: false, code: "NOT_FOUND" };
  if (row.archivedAt) return { valid: false, code: "ARCHIVED" };
  if (!row.enabled) return { valid: false, code: "DISABLED" };
  if (row.expiresAt.getTime() <= Date.now()) return { valid: false, code: "EXPIRED" };
  // The same resolver as real requests, so the policies are exactly what a request would get.
  const resolved = await resolveAccessCode(value, {
    db,
    request: new Request("http://keyward.internal/api/v1/keys/verify"),
    transport: "x_api_key_header",
  });
  if (!resolved.ok) return { valid: false, code: "NOT_FOUND" };
  return {
    valid: true,
    keyId: row.keyId,
    organization: resolved.principal.organization,
    policies: resolved.principal.policies,
    expiresAt: row.expiresAt.toISOString(),
  };
}
