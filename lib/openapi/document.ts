import "server-only";
import { createDocument, type oas31, type ZodOpenApiPathsObject } from "zod-openapi";
import {
  ANY_CREDENTIAL,
  OAUTH_CLIENT_SCHEME,
  OAUTH_TOKEN_PATH,
  PROBLEM_RESPONSES,
  problemSchema,
  SECURITY_SCHEMES,
} from "./components";
import { apiKeysPaths } from "./paths/api-keys";
import { auditEventsPaths } from "./paths/audit-events";
import { healthPaths } from "./paths/health";
import { keysVerifyPaths } from "./paths/keys-verify";
import { mePaths } from "./paths/me";
import { oauthPaths } from "./paths/oauth";
import { openApiPaths } from "./paths/openapi";
import { secretScanningPaths } from "./paths/secret-scanning";
import { usagePaths } from "./paths/usage";
import { usersPaths } from "./paths/users";
import { webhooksPaths } from "./paths/webhooks";

/**
 * One path module per resource (`lib/openapi/paths/<resource>.ts`), each built from the zod schemas its routes
 * validate with. A new route gets documented by adding its module here; `document.test.ts` fails, naming the
 * route and method, until it is.
 */
export const PATH_MODULES: Record<string, ZodOpenApiPathsObject> = {
  me: mePaths,
  health: healthPaths,
  openapi: openApiPaths,
  oauth: oauthPaths,
  users: usersPaths,
  apiKeys: apiKeysPaths,
  auditEvents: auditEventsPaths,
  usage: usagePaths,
  keysVerify: keysVerifyPaths,
  webhooks: webhooksPaths,
  secretScanning: secretScanningPaths,
};

/** The tags operations may use, in the order the reference shows them. */
export const TAGS = [
  { name: "Identity", description: "Who a credential is." },
  { name: "OAuth", description: "The company API credentials: tokens for the client-credentials grant, and revocation." },
  { name: "Users", description: "The organisation's people and their roles." },
  { name: "API keys", description: "Organisation API keys and their access codes (never their secrets)." },
  { name: "Gateways", description: "Verifying keys from an API gateway." },
  { name: "Audit events", description: "Every change made in the console or through the API." },
  { name: "Usage", description: "Request counts by hour or day and status class, as the console's usage charts show them." },
  { name: "Webhooks", description: "The webhooks of the person a credential acts as." },
  { name: "Secret scanning", description: "Reports of leaked secrets from secret-scanning partners, signed; each revokes at once." },
  { name: "Service", description: "Health and this document; no credential needed." },
] as const satisfies oas31.TagObject[];

const DESCRIPTION = `The Keyward API: JSON over HTTPS under \`/api/v1\`. A human-readable guide with curl examples is at [/docs/api](/docs/api).

**Credentials.** Company OAuth client credentials (exchanged at \`${OAUTH_TOKEN_PATH}\` for a one-hour bearer token), access codes of an organisation API key, and personal API keys. A credential travels in exactly one of six ways, in this precedence: \`Authorization: Bearer\`, header \`X-API-Key\`, query \`apiKey\`, query \`key\`, form field \`key\`, JSON property \`API_Key\`. The last two cannot be expressed as OpenAPI security schemes but are accepted on requests with a body. A request carrying two different credentials is refused with 400. Access codes of a key that another organisation linked act in that organisation when the request names it in \`X-Keyward-Account\`.

**Errors.** Every error is \`application/problem+json\` (RFC 9457, schema \`Problem\`): 401 with \`WWW-Authenticate\` when the credential is missing or not valid (an expired access code or personal API key included: \`reason\` \`expired\` or \`personal_key_expired\`), 403 naming the missing \`policy\`, 413 for bodies over 1 MiB, 422 with per-field \`errors\`, 429 with \`Retry-After\`, 503 when the database is not answering.

**Rate limits.** An API key (Details → Rate limit) and the organisation's personal keys (Settings → Rate limit for personal keys) may have a limit of N requests per second, minute or hour, counted across every server in fixed windows. Every answer to such a credential carries the IETF fields \`RateLimit-Policy: "default";q=100;w=60\` and \`RateLimit: "default";r=42;t=17\` (draft-ietf-httpapi-ratelimit-headers-11: quota, window, remaining, seconds to reset); over the limit, 429 with \`reason\` \`rate_limited\` and \`Retry-After\` until the window ends.

**Caching.** Every response is \`Cache-Control: no-store\`.`;

/** Joins the path modules; two modules describing the same path and method is a mistake, not a merge. */
function joinPaths(modules: Record<string, ZodOpenApiPathsObject>): ZodOpenApiPathsObject {
  const paths: ZodOpenApiPathsObject = {};
  for (const [moduleName, module] of Object.entries(modules)) {
    for (const [path, item] of Object.entries(module)) {
      const existing = paths[path] ?? {};
      for (const key of Object.keys(item)) {
        if (key in existing) throw new Error(`OpenAPI path module "${moduleName}" describes ${path} ${key} a second time.`);
      }
      paths[path] = { ...existing, ...item };
    }
  }
  return paths;
}

export type OpenApiDocument = ReturnType<typeof createDocument>;

export function buildOpenApiDocument(): OpenApiDocument {
  const paths = joinPaths(PATH_MODULES);
  const used = new Set(Object.values(paths).flatMap((item) => Object.values(item).flatMap((op) => op?.tags ?? [])));
  return createDocument({
    openapi: "3.1.0",
    info: {
      title: "Keyward API",
      version: "1.0.0",
      description: DESCRIPTION,
    },
    servers: [{ url: "/", description: "This Keyward deployment" }],
    // Only the tags in use, so the reference shows no empty sections.
    tags: TAGS.filter((tag) => used.has(tag.name)),
    security: ANY_CREDENTIAL,
    paths,
    components: {
      securitySchemes: { ...SECURITY_SCHEMES, ...OAUTH_CLIENT_SCHEME },
      schemas: { Problem: problemSchema },
      responses: PROBLEM_RESPONSES,
    },
  });
}

let cached: OpenApiDocument | undefined;

/** The document, built once per process (it depends on code only). Treat it as read-only. */
export function getOpenApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument();
  return cached;
}
