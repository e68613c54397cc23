import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { NO_CREDENTIAL } from "../components";

/** `app/api/v1/openapi.json/route.ts` */
export const openApiPaths: ZodOpenApiPathsObject = {
  "/api/v1/openapi.json": {
    get: {
      operationId: "getOpenApiDocument",
      tags: ["Service"],
      summary: "This OpenAPI document",
      description:
        "The OpenAPI 3.1 description of the API, generated from the same zod schemas that validate the routes. Public: no credential. The human-readable version is at `/docs/api`.",
      security: NO_CREDENTIAL,
      responses: {
        200: {
          description: "The OpenAPI 3.1 document.",
          content: {
            "application/json": {
              schema: z.looseObject({ openapi: z.string().meta({ example: "3.1.0" }) }).meta({
                description: "An OpenAPI 3.1 document.",
              }),
            },
          },
        },
      },
    },
  },
};
