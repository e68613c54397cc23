import type { ZodOpenApiPathsObject } from "zod-openapi";
import { healthResponseSchema } from "@/lib/validators/health";
import { NO_CREDENTIAL } from "../components";

/** `app/api/health/route.ts` */
export const healthPaths: ZodOpenApiPathsObject = {
  "/api/health": {
    get: {
      operationId: "getHealth",
      tags: ["Service"],
      summary: "Health check",
      description: "200 when the database answers a query, 503 otherwise: what a load balancer's health check needs. No credential.",
      security: NO_CREDENTIAL,
      responses: {
        200: {
          description: "The service and its database answer.",
          content: { "application/json": { schema: healthResponseSchema, example: { status: "ok" } } },
        },
        503: {
          description: "The database is not answering.",
          content: {
            "application/json": {
              schema: healthResponseSchema,
              example: { status: "unavailable", detail: "The database is not answering." },
            },
          },
        },
      },
    },
  },
};
