import { createPublicKey, type KeyObject } from "node:crypto";

const PEM = /-----BEGIN PUBLIC KEY-----[\s\S]+?-----END PUBLIC KEY-----/g;

/**
 * Secret-scanning partners' public keys: one or more PEM public keys (ECDSA), one after the other; a line break may
 * be written as `\n`, so the value fits on one line of an environment file. Throws, naming the key, for text that
 * is not one.
 */
export function parsePartnerKeys(value: string): KeyObject[] {
  const text = value.replaceAll("\\n", "\n").trim();
  if (text === "") return [];
  const pems = text.match(PEM) ?? [];
  if (pems.length === 0) throw new Error("must hold PEM public keys (-----BEGIN PUBLIC KEY----- …)");
  return pems.map((pem, i) => {
    let key: KeyObject;
    try {
      key = createPublicKey(pem);
    } catch {
      throw new Error(`key ${i + 1} is not a valid PEM public key`);
    }
    if (key.asymmetricKeyType !== "ec") throw new Error(`key ${i + 1} is not an ECDSA (EC) public key`);
    return key;
  });
}
