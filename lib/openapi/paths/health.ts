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
      description:
        "200 when this instance can query its database within 3 s, 503 otherwise and while the instance shuts down: what a load balancer's health check needs. No credential.",
      security: NO_CREDENTIAL,
      responses: {
        200: {
          description: "The service and its database answer.",
          content: { "application/json": { schema: healthResponseSchema, example: { status: "ok" } } },
        },
        503: {
          description: "The database is not answering, or the instance is shutting down. `Retry-After` says when to ask again.",
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
