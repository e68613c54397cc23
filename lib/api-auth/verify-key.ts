import "server-only";
import { eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { accessCodes, apiKeys } from "@/db/schema";
import { hashSecret, parseSecret } from "@/lib/secrets";
import { CUSTOM_KEY_MAX_LENGTH } from "@/lib/validators/api-keys";
import { allowedFrom } from "./authenticate";
import type { Refusal } from "./refusals";
import { resolveAccessCode } from "./resolvers/access-code";

export type VerifyResult =
  | {
      valid: true;
      keyId: string;
      organization: { id: string; slug: string; name: string };
      policies: string[];
      expiresAt: string;
    }
  | { valid: false; code: "NOT_FOUND" | "DISABLED" | "ARCHIVED" | "IP_NOT_ALLOWED" }
  | { valid: false; code: "EXPIRED"; expiresAt: string };

const CODE_OF_REFUSAL: Partial<Record<Refusal, "DISABLED" | "EXPIRED" | "ARCHIVED">> = {
  disabled: "DISABLED",
  expired: "EXPIRED",
  archived: "ARCHIVED",
};

/**
 * For gateways: whether an access code would be accepted now, by the very resolver real requests use, so the
 * policies are exactly what a request would get. An unknown value is NOT_FOUND whatever it looks like; nothing says
 * whether it exists as another kind of secret. With `ip`, the address the gateway's caller connects from, the key's
 * Allowed IP addresses are checked as a request from there would be (IP_NOT_ALLOWED); without it they are not.
 */
export async function verifyKey(db: Db, value: string, ip?: string): Promise<VerifyResult> {
  // Generated codes are shorter than the longest custom value, so nothing longer is worth hashing.
  if (value.length === 0 || value.length > CUSTOM_KEY_MAX_LENGTH) return { valid: false, code: "NOT_FOUND" };
  const kind = parseSecret(value);
  if (kind ? kind !== "access_code" : /^kw[a-z]{2}_/.test(value)) return { valid: false, code: "NOT_FOUND" };
  const resolved = await resolveAccessCode(value, { db, transport: "x_api_key_header", account: null });
  if (!resolved.ok) {
    const code = CODE_OF_REFUSAL[resolved.refusal] ?? "NOT_FOUND";
    if (code !== "EXPIRED") return { valid: false, code };
    // An expired code is one the gateway's caller knows: saying when it expired helps them, and reveals nothing more.
    const [expired] = await db
      .select({ expiresAt: accessCodes.expiresAt })
      .from(accessCodes)
      .where(eq(accessCodes.secretHash, hashSecret(value)));
    return expired ? { valid: false, code, expiresAt: expired.expiresAt.toISOString() } : { valid: false, code: "NOT_FOUND" };
  }
  if (ip !== undefined && !allowedFrom(resolved, ip)) return { valid: false, code: "IP_NOT_ALLOWED" };
  const [code] = await db
    .select({ keyId: apiKeys.publicId, expiresAt: accessCodes.expiresAt })
    .from(accessCodes)
    .innerJoin(apiKeys, eq(apiKeys.id, accessCodes.apiKeyId))
    .where(eq(accessCodes.id, resolved.principal.credential.id));
  if (!code) return { valid: false, code: "NOT_FOUND" };
  return {
    valid: true,
    keyId: code.keyId,
    organization: resolved.principal.organization,
    policies: resolved.principal.policies,
    expiresAt: code.expiresAt.toISOString(),
  };
}
