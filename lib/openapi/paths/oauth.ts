import type { ZodOpenApiPathsObject } from "zod-openapi";
import {
  oauthErrorSchema,
  revocationRequestSchema,
  tokenRequestSchema,
  tokenResponseSchema,
} from "@/lib/validators/company-credentials";
import { OAUTH_CLIENT, problemRef } from "../components";

const clientFields = {
  client_id: tokenRequestSchema.shape.grant_type
    .meta({ description: "`client_secret_post` only: the company client id (`kwc_…`).", example: "kwc_3fQ9xT2aLm0pRr5sUv7wXy8z" })
    .optional(),
  client_secret: tokenRequestSchema.shape.grant_type
    .meta({ description: "`client_secret_post` only: the client secret (`kwcs_…`)." })
    .optional(),
};

const oauthErrors = {
  400: {
    description: "`invalid_request` or `unsupported_grant_type` (RFC 6749 §5.2).",
    content: { "application/json": { schema: oauthErrorSchema } },
  },
  401: {
    description: "`invalid_client`: unknown client, wrong secret, a rolled secret whose grace has ended, or deleted credentials. `WWW-Authenticate: Basic` when Basic was used.",
    content: { "application/json": { schema: oauthErrorSchema } },
  },
  413: problemRef("PayloadTooLarge"),
  429: problemRef("RateLimited"),
};

/** `app/api/oauth/token/route.ts` and `app/api/oauth/revoke/route.ts` */
export const oauthPaths: ZodOpenApiPathsObject = {
  "/api/oauth/token": {
    post: {
      operationId: "createAccessToken",
      tags: ["OAuth"],
      summary: "Exchange company credentials for an access token",
      description:
        "OAuth 2.0 client credentials grant (RFC 6749 §4.4). Authenticate with HTTP Basic (`client_secret_basic`) or form fields (`client_secret_post`), never both. The token is valid for one hour and stops working at once when the credentials are deleted. Failed requests are limited to 10 per minute per client id and per IP.",
      security: OAUTH_CLIENT,
      requestBody: {
        required: true,
        content: {
          "application/x-www-form-urlencoded": {
            schema: tokenRequestSchema.extend(clientFields),
            example: { grant_type: "client_credentials" },
          },
        },
      },
      responses: {
        200: {
          description: "A bearer access token (`Cache-Control: no-store`).",
          content: { "application/json": { schema: tokenResponseSchema } },
        },
        ...oauthErrors,
      },
    },
  },
  "/api/oauth/revoke": {
    post: {
      operationId: "revokeAccessToken",
      tags: ["OAuth"],
      summary: "Revoke an access token",
      description:
        "Token revocation (RFC 7009). The client authenticates as at the token endpoint; the answer is 200 whether or not the token existed, so it reveals nothing.",
      security: OAUTH_CLIENT,
      requestBody: {
        required: true,
        content: { "application/x-www-form-urlencoded": { schema: revocationRequestSchema.extend(clientFields) } },
      },
      responses: {
        200: { description: "The token is no longer valid (or never was)." },
        ...oauthErrors,
      },
    },
  },
};
