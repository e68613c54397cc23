import { createHash, sign } from "node:crypto";
import type { APIRequestContext } from "@playwright/test";

export const REPORT = "/api/secret-scanning/report";
const partnerKey = process.env.KEYWARD_E2E_SCANNING_PRIVATE_KEY as string;

/** The partner's ECDSA signature over the raw body, as the report endpoint checks it. */
export const signed = (body: string, key: string = partnerKey) =>
  sign("sha256", Buffer.from(body), { key, dsaEncoding: "der" }).toString("base64");
export const sha256 = (text: string) => createHash("sha256").update(text).digest("hex");

/** Sends `items` as a signed partner report; `headers` should give each test an address of its own. */
export async function reportLeaks(
  request: APIRequestContext,
  items: unknown,
  options: { signature?: string; headers?: Record<string, string> } = {},
) {
  const body = JSON.stringify(items);
  return request.post(REPORT, {
    data: Buffer.from(body),
    headers: {
      "Content-Type": "application/json",
      "Github-Public-Key-Identifier": "test-partner",
      "Github-Public-Key-Signature": options.signature ?? signed(body),
      ...options.headers,
    },
  });
}
