import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { apiUserSchema } from "@/lib/validators/people";
import { apiOperation } from "../components";

/** `app/api/v1/users/route.ts` */
export const usersPaths: ZodOpenApiPathsObject = {
  "/api/v1/users": {
    get: apiOperation({
      policy: "users:read",
      operationId: "listUsers",
      tags: ["Users"],
      summary: "List the organisation's people",
      description: "Everyone in the organisation the request acts in, with their roles, by name.",
      responses: {
        200: {
          description: "The organisation's people.",
          content: { "application/json": { schema: z.object({ data: z.array(apiUserSchema) }) } },
        },
      },
    }),
  },
};
