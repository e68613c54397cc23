import { describe, expect, it } from "vitest";
import {
  crc32,
  displayPrefix,
  generatePublicId,
  generateSecret,
  generateWebhookSecret,
  isWebhookSecret,
  hashSecret,
  parseSecret,
  RANDOM_LENGTH,
  SECRET_PREFIXES,
  secretMatchesHash,
  type SecretKind,
} from "./secrets";

const KINDS = Object.keys(SECRET_PREFIXES) as SecretKind[];

describe("secrets", () => {
  it.each(KINDS)("a %s carries its prefix, a random part and a valid checksum", (kind) => {
    const secret = generateSecret(kind);
    expect(secret.startsWith(SECRET_PREFIXES[kind])).toBe(true);
    expect(secret).toMatch(/^kw[a-z]{2}_[0-9A-Za-z]{36}$/);
    expect(parseSecret(secret)).toBe(kind);
  });

  it("has at least 128 bits of entropy in its random part", () => {
    expect(RANDOM_LENGTH * Math.log2(62)).toBeGreaterThanOrEqual(128);
    const many = new Set(Array.from({ length: 1000 }, () => generateSecret("access_code")));
    expect(many.size).toBe(1000);
  });

  it("detects a single changed character through the checksum", () => {
    const secret = generateSecret("client_secret");
    for (const position of [5, 12, secret.length - 1]) {
      const original = secret[position]!;
      const changed = secret.slice(0, position) + (original === "a" ? "b" : "a") + secret.slice(position + 1);
      expect(parseSecret(changed)).toBeNull();
    }
  });

  it("refuses values of the wrong shape", () => {
    expect(parseSecret("")).toBeNull();
    expect(parseSecret("kwak_short")).toBeNull();
    expect(parseSecret(`xx_${"a".repeat(36)}`)).toBeNull();
    expect(parseSecret(`${generateSecret("access_code")}x`)).toBeNull();
  });

  it("stores only a SHA-256 hash, which matches the secret and nothing else", () => {
    const secret = generateSecret("personal_key");
    const stored = hashSecret(secret);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);
    expect(stored).not.toContain(secret.slice(5, 15));
    expect(secretMatchesHash(secret, stored)).toBe(true);
    expect(secretMatchesHash(generateSecret("personal_key"), stored)).toBe(false);
  });

  it("shows a short prefix that does not give the secret away", () => {
    const secret = generateSecret("access_code");
    const prefix = displayPrefix(secret);
    expect(prefix).toMatch(/^kwak_[0-9A-Za-z]{8}$/);
    expect(secret.length - prefix.length).toBeGreaterThanOrEqual(28);
  });

  it("computes the standard CRC32", () => {
    expect(crc32("123456789")).toBe(0xcbf43926);
  });

  it("makes public ids and Standard Webhooks secrets", () => {
    expect(generatePublicId("kwc_")).toMatch(/^kwc_[0-9A-Za-z]{24}$/);
    const whsec = generateWebhookSecret();
    expect(whsec).toMatch(/^whsec_[A-Za-z0-9+/]+=*$/);
    expect(Buffer.from(whsec.slice(6), "base64")).toHaveLength(32);
    expect(isWebhookSecret(whsec)).toBe(true);
  });

  it("recognises only well-formed signing secrets: 32 bytes of canonical base64 after whsec_", () => {
    const whsec = generateWebhookSecret();
    for (const junk of ["", "whsec_", `${whsec}A`, whsec.slice(0, -2), `whsec_${"A".repeat(44)}`, whsec.replace("whsec_", "whsek_"), `whsec_${Buffer.alloc(31).toString("base64")}`]) {
      expect(isWebhookSecret(junk), junk).toBe(false);
    }
    expect(parseSecret(whsec)).toBeNull();
  });
});
