import { z } from "zod";
import type { RequestRateLimit } from "@/db/schema/rate-limits";

export type { RequestRateLimit };

export const RATE_LIMIT_UNITS = ["second", "minute", "hour"] as const satisfies readonly RequestRateLimit["per"][];
export type RateLimitUnit = (typeof RATE_LIMIT_UNITS)[number];
export const RATE_LIMIT_WINDOW_SECONDS: Record<RateLimitUnit, number> = { second: 1, minute: 60, hour: 3600 };
export const MAX_RATE_LIMIT_REQUESTS = 1_000_000;

const REQUESTS_MESSAGE = `Enter a whole number of requests from 1 to ${MAX_RATE_LIMIT_REQUESTS.toLocaleString("en")}, or leave it empty for no limit.`;

/**
 * A rate limit: `{ requests, per }` or null for none. The console's fields send the number as text, and an empty
 * Requests field means no limit, so that switching the limit off is one keyboard action.
 */
export const rateLimitSchema = z
  .union(
    [
      z.null(),
      z.object({
        requests: z.union([z.number(), z.string().trim()]),
        per: z.enum(RATE_LIMIT_UNITS, "Choose second, minute or hour."),
      }),
    ],
    { error: 'Send the rate limit as { "requests": 100, "per": "minute" }, or null for no limit.' },
  )
  .transform((value, ctx): RequestRateLimit | null => {
    if (value === null || value.requests === "") return null;
    const requests = typeof value.requests === "number" ? value.requests : /^\d+$/.test(value.requests) ? Number(value.requests) : NaN;
    if (!Number.isInteger(requests) || requests < 1 || requests > MAX_RATE_LIMIT_REQUESTS) {
      ctx.addIssue({ code: "custom", path: ["requests"], message: REQUESTS_MESSAGE });
      return z.NEVER;
    }
    return { requests, per: value.per };
  })
  .meta({
    description:
      "At most `requests` requests per `per` (second, minute or hour), counted across every instance; null: no limit. Over it, requests get 429 with Retry-After.",
    example: { requests: 100, per: "minute" },
  });

/** The response's form of a limit. */
export const rateLimitResponseSchema = z
  .object({ requests: z.number().int(), per: z.enum(RATE_LIMIT_UNITS) })
  .nullable()
  .meta({ description: "At most `requests` requests per `per`; null: no limit." });

/** What the Requests and Per fields hold for a stored limit. */
export interface RateLimitFormValue {
  requests: string;
  per: RateLimitUnit;
}
export const rateLimitFormValue = (limit: RequestRateLimit | null): RateLimitFormValue =>
  limit ? { requests: String(limit.requests), per: limit.per } : { requests: "", per: "minute" };
