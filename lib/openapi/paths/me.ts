import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import { meResponseSchema } from "@/lib/validators/me";
import { apiOperation } from "../components";

/** `app/api/v1/me/route.ts` */
export const mePaths: ZodOpenApiPathsObject = {
  "/api/v1/me": {
    get: apiOperation({
      policy: null,
      operationId: "getMe",
      tags: ["Identity"],
      summary: "Who am I",
      description:
        "The organisation the request acts in, the credential that authenticated it, the person it acts as, and the policies it holds right now. A good first call to check a new credential.",
      responses: {
        200: {
          description: "The credential's identity.",
          content: { "application/json": { schema: meResponseSchema } },
        },
      },
    }),
    post: apiOperation({
      policy: null,
      operationId: "postMe",
      tags: ["Identity"],
      summary: "Who am I, with the credential in the body",
      description:
        "The same answer as `GET /api/v1/me`, for clients that send the access code in the body: the `key` form field or the `API_Key` JSON property.",
      requestBody: {
        content: {
          "application/json": {
            schema: z.object({ API_Key: z.string().meta({ description: "The access code." }) }),
          },
        },
      },
      responses: {
        200: {
          description: "The credential's identity.",
          content: { "application/json": { schema: meResponseSchema } },
        },
      },
    }),
  },
};
