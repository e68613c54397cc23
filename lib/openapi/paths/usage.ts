import type { ZodOpenApiPathsObject } from "zod-openapi";
import { usageQuerySchema, usageResponseSchema } from "@/lib/validators/usage-api";
import { apiOperation, problemRef } from "../components";

/** `app/api/v1/usage/route.ts` */
export const usagePaths: ZodOpenApiPathsObject = {
  "/api/v1/usage": {
    get: apiOperation({
      policy: "keys:read",
      operationId: "getUsage",
      tags: ["Usage"],
      summary: "Read the organisation's request counts",
      description:
        "Requests per hour for the last 24 hours, or per UTC day for the last 30 days, by status class: the numbers of the console's usage charts. The whole organisation by default; `keyId` narrows it to one API key, `credential` to the company credentials or to the personal API keys (not both). Counts are kept per hour and outlive the access log's retention. A request is counted a moment after it is answered (the access log is written in batches).",
      requestParams: { query: usageQuerySchema },
      responses: {
        200: { description: "The counts.", content: { "application/json": { schema: usageResponseSchema } } },
        422: problemRef("ValidationFailed"),
      },
    }),
  },
};
