import { z } from "zod";
import { getDb } from "@/db/client";
import { apiError } from "@/lib/api/route";
import { json, problem } from "@/lib/api/problem";
import { parseJsonBody } from "@/lib/api/request-body";
import { verifyKey } from "@/lib/api-auth/verify-key";
import { hitRateLimit, retryAfterSeconds } from "@/lib/rate-limit";
import { clientIp } from "@/lib/request-meta";

export const dynamic = "force-dynamic";

const LIMIT = { limit: 120, windowMs: 60_000 };
const bodySchema = z.object({ key: z.string("Send the access code as \"key\".").min(1, "Send the access code as \"key\".").max(500) });

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
    const body = await parseJsonBody(request, bodySchema);
    if (!body.ok) return body.response;
    return json(await verifyKey(db, body.data.key.trim()));
  } catch (error) {
    return apiError(error);
  }
}
