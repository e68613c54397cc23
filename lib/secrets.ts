import { hash, randomBytes, randomInt, timingSafeEqual } from "node:crypto";
import { crc32 as zlibCrc32 } from "node:zlib";

/**
 * Secret formats. Every secret starts with a recognisable prefix and ends with a CRC32 checksum (GitHub's token
 * format), so secret scanners find them and a mistyped or invented value is refused without a database lookup.
 * Only `hashSecret()` of a secret is ever stored; the secret itself is shown once.
 */
export const SECRET_PREFIXES = {
  client_secret: "kwcs_",
  access_token: "kwat_",
  access_code: "kwak_",
  personal_key: "kwpk_",
} as const;
export type SecretKind = keyof typeof SECRET_PREFIXES;

/** Standard Webhooks signing secrets: `whsec_` + base64 of the key bytes (the HMAC needs the key itself). */
export const WEBHOOK_SECRET_PREFIX = "whsec_";

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
/** 30 base62 characters ≈ 178 bits of entropy. */
export const RANDOM_LENGTH = 30;
const CHECKSUM_LENGTH = 6;
const DISPLAY_LENGTH = 8;

function randomBase62(length: number): string {
  let out = "";
  // randomInt draws without modulo bias, from the same CSPRNG as randomBytes.
  for (let i = 0; i < length; i++) out += BASE62[randomInt(62)];
  return out;
}

function base62(value: number, width: number): string {
  let out = "";
  for (let n = value; n > 0; n = Math.floor(n / 62)) out = BASE62[n % 62] + out;
  return out.padStart(width, "0");
}

/** CRC-32 (IEEE, as zip and GitHub's tokens use) of the text's UTF-8 bytes. */
export const crc32 = (text: string): number => zlibCrc32(text);

/** A new secret of `kind`: prefix, random part, checksum of both. */
export function generateSecret(kind: SecretKind): string {
  const body = `${SECRET_PREFIXES[kind]}${randomBase62(RANDOM_LENGTH)}`;
  return `${body}${base62(crc32(body), CHECKSUM_LENGTH)}`;
}

/** The kind of a well-formed secret whose checksum matches, or null: no database lookup needed to reject junk. */
export function parseSecret(value: string): SecretKind | null {
  const kind = (Object.keys(SECRET_PREFIXES) as SecretKind[]).find((k) => value.startsWith(SECRET_PREFIXES[k]));
  if (!kind) return null;
  const expectedLength = SECRET_PREFIXES[kind].length + RANDOM_LENGTH + CHECKSUM_LENGTH;
  if (value.length !== expectedLength || !/^[A-Za-z0-9_]+$/.test(value)) return null;
  const body = value.slice(0, -CHECKSUM_LENGTH);
  return base62(crc32(body), CHECKSUM_LENGTH) === value.slice(-CHECKSUM_LENGTH) ? kind : null;
}

/** What is stored: SHA-256, hex. Secrets are long and random, so a fast hash is enough (no password stretching). */
export function hashSecret(secret: string): string {
  // The one-shot form: every API request hashes its credential, and a Hash object per call costs more than the hash.
  return hash("sha256", secret, "hex");
}

export function secretMatchesHash(secret: string, storedHex: string): boolean {
  const a = Buffer.from(hashSecret(secret), "hex");
  const b = Buffer.from(storedHex, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A short, non-secret reminder of which secret this is, e.g. `kwak_3fQ9xT2a`, safe to show and log. */
export function displayPrefix(secret: string): string {
  const underscore = secret.indexOf("_");
  return secret.slice(0, underscore + 1 + DISPLAY_LENGTH);
}

/** A public identifier such as a client id (`kwc_…`): unguessable but not secret. */
export function generatePublicId(prefix: string, length = 24): string {
  return `${prefix}${randomBase62(length)}`;
}

/** Whether `value` could be a public id made by `generatePublicId(prefix)`: checked before any lookup by it. */
export const isPublicId = (prefix: string, value: string, length = 24) =>
  value.length === prefix.length + length && value.startsWith(prefix) && /^[0-9A-Za-z]+$/.test(value.slice(prefix.length));

const WEBHOOK_SECRET_BYTES = 32;

/** A Standard Webhooks signing secret: `whsec_` + base64 of 32 random bytes. */
export function generateWebhookSecret(): string {
  return `${WEBHOOK_SECRET_PREFIX}${randomBytes(WEBHOOK_SECRET_BYTES).toString("base64")}`;
}

/**
 * Whether `value` has exactly the form `generateWebhookSecret()` makes: the Standard Webhooks format has no checksum,
 * so the prefix and canonical base64 of 32 bytes are all that tell it from junk before a lookup by hash.
 */
export function isWebhookSecret(value: string): boolean {
  if (!value.startsWith(WEBHOOK_SECRET_PREFIX)) return false;
  const body = value.slice(WEBHOOK_SECRET_PREFIX.length);
  const bytes = Buffer.from(body, "base64");
  return bytes.length === WEBHOOK_SECRET_BYTES && bytes.toString("base64") === body;
}
