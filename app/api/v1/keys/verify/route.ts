import { getDb } from "@/db/client";
import { apiError } from "@/lib/api/route";
import { json, problem } from "@/lib/api/problem";
import { parseBody, readBody } from "@/lib/api/request-body";
import { verifyKey } from "@/lib/api-auth/verify-key";
import { hitRateLimit, retryAfterSeconds } from "@/lib/rate-limit";
import { clientIp } from "@/lib/request-meta";
import { verifyKeyRequestSchema, type VerifyKeyResult } from "@/lib/validators/api-keys";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

const LIMIT = { limit: 120, windowMs: 60_000 };

/**
 * For gateways: needs no credential of its own, answers 200 with `valid` true or false. Rate limited per IP, so
 * it cannot serve to guess codes.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const db = await getDb();
    const ip = clientIp(request.headers) ?? "unknown";
    const limit = await hitRateLimit(db, { key: `keys-verify:ip:${ip}`, ...LIMIT });
    if (!limit.allowed) {
      const seconds = retryAfterSeconds(LIMIT.windowMs);
      return problem("rate_limited", {
        detail: `Too many verifications from this address; try again in ${seconds} s.`,
        headers: { "Retry-After": String(seconds) },
      });
    }
    const read = await readBody(request);
    if (!read.ok) return read.response;
    const body = parseBody(read.body, verifyKeyRequestSchema);
    if (!body.ok) return body.response;
    const result: VerifyKeyResult = await verifyKey(db, body.data.key.trim(), body.data.ip?.trim());
    return json(result);
  } catch (error) {
    return apiError(error);
  }
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
