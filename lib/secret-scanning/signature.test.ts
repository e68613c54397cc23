import { generateKeyPairSync, sign } from "node:crypto";
import { describe, expect, it } from "vitest";
import { parsePartnerKeys } from "./partner-keys";
import { signedByPartner } from "./signature";

const pair = () => generateKeyPairSync("ec", { namedCurve: "P-256" });
const partner = pair();
const other = pair();
const pem = (key: typeof partner.publicKey) => key.export({ type: "spki", format: "pem" }).toString();
const body = Buffer.from('[{"token":"kwak_x","type":"t","url":"https://example.com","source":"content"}]');
const signature = (bytes: Buffer, key = partner.privateKey) => sign("sha256", bytes, { key, dsaEncoding: "der" }).toString("base64");

describe("a partner's signature", () => {
  const keys = parsePartnerKeys(`${pem(other.publicKey)}\n${pem(partner.publicKey)}`);

  it("is accepted from any of the configured keys, over exactly the body's bytes", () => {
    expect(signedByPartner(body, signature(body), keys)).toBe(true);
    expect(signedByPartner(body, signature(body, other.privateKey), keys)).toBe(true);
  });

  it("is refused when missing, malformed, by another key, or over other bytes", () => {
    const stranger = pair();
    expect(signedByPartner(body, null, keys)).toBe(false);
    expect(signedByPartner(body, "", keys)).toBe(false);
    expect(signedByPartner(body, "not base64 at all!", keys)).toBe(false);
    expect(signedByPartner(body, signature(body, stranger.privateKey), keys)).toBe(false);
    expect(signedByPartner(Buffer.concat([body, Buffer.from(" ")]), signature(body), keys)).toBe(false);
    expect(signedByPartner(body, signature(body), [])).toBe(false);
  });
});

describe("KEYWARD_SECRET_SCANNING_PUBLIC_KEYS", () => {
  it("reads several PEM keys, with line breaks written as \\n", () => {
    const oneLine = `${pem(partner.publicKey)}${pem(other.publicKey)}`.replaceAll("\n", "\\n");
    expect(parsePartnerKeys(oneLine)).toHaveLength(2);
    expect(parsePartnerKeys("")).toEqual([]);
  });

  it("names what is wrong: not PEM, a broken key, a key that is not ECDSA", () => {
    expect(() => parsePartnerKeys("hello")).toThrow("must hold PEM public keys");
    expect(() => parsePartnerKeys("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----")).toThrow("key 1 is not a valid PEM public key");
    const rsa = generateKeyPairSync("rsa", { modulusLength: 1024 }).publicKey.export({ type: "spki", format: "pem" }).toString();
    expect(() => parsePartnerKeys(`${pem(partner.publicKey)}${rsa}`)).toThrow("key 2 is not an ECDSA (EC) public key");
  });
});
