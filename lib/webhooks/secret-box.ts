import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/**
 * Webhook signing secrets at rest (docs/decisions/0005-webhook-signing-secrets.md). Signing needs the secret itself,
 * so it is encrypted rather than hashed: AES-256-GCM under a key derived with HKDF-SHA256 from the server's auth
 * secret, with the webhook's id as associated data, so a ciphertext copied onto another row does not decrypt.
 */
const VERSION = "v1";
const INFO = "keyward webhook signing secret v1";

export function webhookKey(authSecret: string): Buffer {
  return Buffer.from(hkdfSync("sha256", authSecret, "keyward-webhooks", INFO, 32));
}

export function sealSecret(secret: string, webhookId: string, key: Buffer): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(webhookId, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return [VERSION, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), ciphertext.toString("base64url")].join(".");
}

/** Throws if the box was tampered with, moved to another webhook, or sealed under another auth secret. */
export function openSecret(box: string, webhookId: string, key: Buffer): string {
  const [version, iv, tag, ciphertext] = box.split(".");
  if (version !== VERSION || !iv || !tag || !ciphertext) throw new Error("Unknown webhook secret format.");
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
  decipher.setAAD(Buffer.from(webhookId, "utf8"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(ciphertext, "base64url")), decipher.final()]).toString("utf8");
}
