import { getDb } from "@/db/client";
import { json, problem } from "@/lib/api/problem";
import { readBody, validationProblem } from "@/lib/api/request-body";
import { apiError } from "@/lib/api/route";
import { hitRateLimit, retryAfterSeconds } from "@/lib/rate-limit";
import { clientIp } from "@/lib/request-meta";
import { leakReportSchema, MAX_REPORT_BYTES, type ReportedTokenVerdict } from "@/lib/secret-scanning/report";
import { env } from "@/lib/env";
import { SIGNATURE_HEADER, signedByPartner } from "@/lib/secret-scanning/signature";
import { hashSecret } from "@/lib/secrets";
import { revokeReportedSecret } from "@/lib/services/leaked-secrets";
import { webhookRuntime } from "@/lib/webhooks/runtime";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

const LIMIT = { limit: 60, windowMs: 60_000 };

/**
 * A secret-scanning partner reports secrets found in public: a JSON array of `{ token, type, url, source }` signed
 * with ECDSA over the raw body by a key in KEYWARD_SECRET_SCANNING_PUBLIC_KEYS. Each token that is one of Keyward's
 * is revoked at once. The answer gives each token's hash and verdict, nothing else: a report can only revoke, and
 * learns nothing about whose a secret was. Counted per address before anything is read, and size-capped.
 */
export async function POST(request: Request): Promise<Response> {
  try {
    const db = await getDb();
    const limit = await hitRateLimit(db, { key: `secret-scanning:ip:${clientIp(request.headers) ?? "unknown"}`, ...LIMIT });
    if (!limit.allowed) {
      const seconds = retryAfterSeconds(LIMIT.windowMs);
      return problem("rate_limited", {
        detail: `Too many reports from this address; try again in ${seconds} s.`,
        headers: { "Retry-After": String(seconds) },
      });
    }
    const read = await readBody(request, MAX_REPORT_BYTES);
    if (!read.ok) return read.response;
    const keys = env().KEYWARD_SECRET_SCANNING_PUBLIC_KEYS;
    if (!signedByPartner(Buffer.from(read.body.text, "utf8"), request.headers.get(SIGNATURE_HEADER), keys)) {
      return problem("unauthorized", {
        detail:
          keys.length === 0
            ? "This server accepts no secret-scanning reports: no partner key is configured."
            : `The report must be signed: ${SIGNATURE_HEADER} with an ECDSA signature of the body by a partner key.`,
      });
    }
    let raw: unknown;
    try {
      raw = JSON.parse(read.body.text);
    } catch {
      return problem("invalid_request", { detail: "The report is not valid JSON." });
    }
    const parsed = leakReportSchema.safeParse(raw);
    if (!parsed.success) return validationProblem(parsed.error, "The report must be a JSON array of { token, type, url, source }.");
    const answer: ReportedTokenVerdict[] = [];
    const deps = { secretKey: webhookRuntime().secretKey };
    for (const item of parsed.data) {
      const label = await revokeReportedSecret(db, item.token, { url: item.url ?? null, source: item.source ?? null }, deps);
      answer.push({ token_hash: hashSecret(item.token), token_type: item.type ?? null, label });
    }
    return json(answer);
  } catch (error) {
    return apiError(error);
  }
}

export const { GET, HEAD, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ POST });
