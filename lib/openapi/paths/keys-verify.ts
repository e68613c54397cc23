import type { ZodOpenApiPathsObject } from "zod-openapi";
import { verifyKeyRequestSchema, verifyKeyResponseSchema } from "@/lib/validators/api-keys";
import { NO_CREDENTIAL, problemRef, withFormBody } from "../components";

/** `app/api/v1/keys/verify/route.ts` */
export const keysVerifyPaths: ZodOpenApiPathsObject = {
  "/api/v1/keys/verify": {
    post: {
      operationId: "verifyKey",
      tags: ["Gateways"],
      summary: "Check an access code (for gateways)",
      description:
        "Needs no credential of its own and always answers 200: `valid` true with the key and its policies, or false with a code. It never says whether an unknown value exists as another kind of secret. Send `ip`, the address your caller connects from, to have the key's allowed IP addresses checked too (`IP_NOT_ALLOWED`). Limited to 120 checks per minute per IP.",
      security: NO_CREDENTIAL,
      requestBody: withFormBody({ required: true, content: { "application/json": { schema: verifyKeyRequestSchema } } }),
      responses: {
        200: {
          description: "Whether the code would be accepted now.",
          content: { "application/json": { schema: verifyKeyResponseSchema } },
        },
        400: problemRef("InvalidRequest"),
        413: problemRef("PayloadTooLarge"),
        415: problemRef("UnsupportedMediaType"),
        422: problemRef("ValidationFailed"),
        429: problemRef("RateLimited"),
      },
    },
  },
};
