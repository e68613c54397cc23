import { z } from "zod";
import type { ZodOpenApiPathsObject } from "zod-openapi";
import {
  apiKeyResponseSchema,
  apiKeySummarySchema,
  createApiKeySchema,
  createdApiKeySchema,
  updateApiKeySchema,
} from "@/lib/validators/api-keys";
import { apiOperation, problemRef } from "../components";

const keyPath = { path: z.object({ id: z.string().meta({ description: "The key's id (`kwk_…`).", example: "kwk_8fQ2mLx0pRr5sUv7wXy8zAb1" }) }) };
const oneKey = (description: string) => ({ description, content: { "application/json": { schema: apiKeyResponseSchema } } });

/** `app/api/v1/api-keys/route.ts`, `[id]/route.ts` and `[id]/archive/route.ts` */
export const apiKeysPaths: ZodOpenApiPathsObject = {
  "/api/v1/api-keys": {
    get: apiOperation({
      policy: "keys:read",
      operationId: "listApiKeys",
      tags: ["API keys"],
      summary: "List the organisation's API keys",
      description: "Every key, active and archived, with its policies and how many access codes it has. Never a secret.",
      responses: {
        200: {
          description: "The organisation's keys.",
          content: { "application/json": { schema: z.object({ data: z.array(apiKeySummarySchema) }) } },
        },
      },
    }),
    post: apiOperation({
      policy: "keys:write",
      operationId: "createApiKey",
      tags: ["API keys"],
      summary: "Create an API key and its first access code",
      description:
        "The answer is the only one that ever holds the access code's secret. A credential cannot grant policies it does not hold; write policies need **Allow write policies** on. A custom key value must be at least 40 characters and worth at least 128 bits by a zxcvbn estimate (a phrase, name or pattern counts for little); a value that cannot be used is refused without saying who uses it.",
      requestBody: { required: true, content: { "application/json": { schema: createApiKeySchema } } },
      responses: {
        201: {
          description: "The key, and its first access code with the secret (shown once).",
          headers: z.object({ Location: z.string().meta({ description: "The new key's URL." }) }),
          content: { "application/json": { schema: createdApiKeySchema } },
        },
        409: problemRef("Conflict"),
      },
    }),
  },
  "/api/v1/api-keys/{id}": {
    get: apiOperation({
      policy: "keys:read",
      operationId: "getApiKey",
      tags: ["API keys"],
      summary: "Read an API key",
      requestParams: keyPath,
      responses: { 200: oneKey("The key with its access codes (never their secrets)."), 404: problemRef("NotFound") },
    }),
    patch: apiOperation({
      policy: "keys:write",
      operationId: "updateApiKey",
      tags: ["API keys"],
      summary: "Change an API key",
      description: "Name, description, tags, policies, logging, the person the key acts as, the allowed IP addresses and the rate limit; fields left out stay as they are. `allowedIps` replaces the whole list (an empty list allows any address); `rateLimit` is `{ requests, per }` or null for none. The change is audited.",
      requestParams: keyPath,
      requestBody: { required: true, content: { "application/json": { schema: updateApiKeySchema } } },
      responses: { 200: oneKey("The changed key."), 404: problemRef("NotFound"), 409: problemRef("Conflict") },
    }),
  },
  "/api/v1/api-keys/{id}/archive": {
    post: apiOperation({
      policy: "keys:write",
      operationId: "archiveApiKey",
      tags: ["API keys"],
      summary: "Archive an API key",
      description: "Revokes the key at once: its access codes fail from the next request on. The key stays listed as archived.",
      requestParams: keyPath,
      responses: { 200: oneKey("The archived key."), 404: problemRef("NotFound"), 409: problemRef("Conflict") },
    }),
  },
};
