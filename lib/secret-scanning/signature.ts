import "server-only";
import { verify, type KeyObject } from "node:crypto";

/** The header carrying the signature: base64 of a DER-encoded ECDSA signature over the raw body, with SHA-256. */
export const SIGNATURE_HEADER = "github-public-key-signature";

/** Whether `signature` (base64 DER) signs exactly `body` by one of `keys`. */
export function signedByPartner(body: Uint8Array, signature: string | null, keys: readonly KeyObject[]): boolean {
  if (!signature || !/^[A-Za-z0-9+/=\s]{1,1024}$/.test(signature)) return false;
  const bytes = Buffer.from(signature.replace(/\s/g, ""), "base64");
  return keys.some((key) => {
    try {
      return verify("sha256", body, { key, dsaEncoding: "der" }, bytes);
    } catch {
      return false;
    }
  });
}
