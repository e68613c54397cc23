import { z } from "zod";
import { keyIdSchema } from "./api-keys";
import { USAGE_RANGES, type UsageRange } from "./usage";

// `GET /api/v1/usage`: the route parses its query and builds its answer through these, and the OpenAPI document is
// generated from the same schemas. Apart from ./usage, whose constants the charts' client components import: these
// schemas (and the API key validators) stay out of the browser's bundles.

const RANGE_NAMES = Object.keys(USAGE_RANGES) as [UsageRange, ...UsageRange[]];

/** Which credentials an API usage read counts, besides the whole organisation or one API key. */
export const USAGE_CREDENTIALS = ["company_credentials", "personal_keys"] as const;

export const usageQuerySchema = z
  .object({
    range: z
      .enum(RANGE_NAMES, "range must be 24h or 30d.")
      .default("24h")
      .meta({ description: "`24h`: 24 hourly buckets, the last one the current hour. `30d`: 30 UTC days, the last one today." }),
    keyId: keyIdSchema.optional().meta({ description: "Only this API key's requests (its public id, `kwk_…`)." }),
    credential: z
      .enum(USAGE_CREDENTIALS, "credential must be company_credentials or personal_keys.")
      .optional()
      .meta({ description: "Only the company credentials' requests (their OAuth tokens'), or every personal API key's." }),
  })
  .refine((query) => !(query.keyId && query.credential), { path: ["credential"], message: "Send keyId or credential, not both." });
export type UsageQuery = z.infer<typeof usageQuerySchema>;

const requests = z.int().min(0);
const classCounts = { "2xx": requests, "4xx": requests, "5xx": requests };

export const usageResponseSchema = z
  .object({
    range: z.enum(RANGE_NAMES),
    from: z.iso.datetime().meta({ description: "Where the first bucket starts." }),
    to: z.iso.datetime().meta({ description: "Where the last bucket ends: the end of the current hour or UTC day." }),
    buckets: z
      .array(z.object({ start: z.iso.datetime(), ...classCounts }))
      .meta({ description: "Oldest first, one per hour (24h) or UTC day (30d), empty ones included." }),
    totals: z.object({ ...classCounts, all: requests }),
  })
  .meta({
    id: "Usage",
    description: "Requests by status class; 1xx and 3xx answers are counted with 2xx (answered, not refused).",
  });
export type UsageResponse = z.infer<typeof usageResponseSchema>;
