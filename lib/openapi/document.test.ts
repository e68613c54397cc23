import { fileURLToPath } from "node:url";
import SwaggerParser from "@apidevtools/swagger-parser";
import type { OpenAPIV3_1 } from "openapi-types";
import { describe, expect, it } from "vitest";
import { PROBLEM_TYPES, problem, type ProblemType } from "@/lib/api/problem";
import { meResponseSchema } from "@/lib/validators/me";
import { problemSchema, SECURITY_SCHEMES } from "./components";
import { buildOpenApiDocument, TAGS } from "./document";
import { exportedMethods, listRouteOperations, openApiPath } from "./route-files";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** The folders whose every route must be in the document: the public API and the OAuth endpoints. */
const DOCUMENTED_ROUTE_DIRS = ["app/api/v1", "app/api/oauth", "app/api/secret-scanning"];

const document = buildOpenApiDocument();
const operations = Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
  (["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const)
    .filter((method) => item?.[method])
    .map((method) => ({ path, method, operation: item![method]! })),
);

describe("the OpenAPI document", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    // swagger-parser dereferences in place: validate a copy, never the served document.
    const api = (await SwaggerParser.validate(structuredClone(document) as OpenAPIV3_1.Document)) as OpenAPIV3_1.Document;
    expect(api.openapi).toBe("3.1.0");
  });

  it("describes every route file under app/api/v1, app/api/oauth and app/api/secret-scanning, with each method it exports", () => {
    const routes = listRouteOperations(ROOT, DOCUMENTED_ROUTE_DIRS);
    expect(routes.length).toBeGreaterThan(0);
    const missing = routes
      .filter(({ path, method }) => !document.paths?.[path]?.[method.toLowerCase() as "get"])
      .map(({ path, method, file }) => `${method} ${path} (${file})`);
    expect(
      missing,
      `These routes are not in the OpenAPI document. Add a path module lib/openapi/paths/<resource>.ts built from the route's own zod schemas (lib/validators/<resource>.ts) and register it in PATH_MODULES in lib/openapi/document.ts:\n  ${missing.join("\n  ")}`,
    ).toEqual([]);
  });

  it("describes no /api/v1 or /api/oauth operation that has no route", () => {
    const routes = new Set(listRouteOperations(ROOT, DOCUMENTED_ROUTE_DIRS).map((r) => `${r.method} ${r.path}`));
    const phantom = operations
      .filter(({ path }) => path.startsWith("/api/v1/") || path.startsWith("/api/oauth/"))
      .map(({ path, method }) => `${method.toUpperCase()} ${path}`)
      .filter((key) => !routes.has(key));
    expect(phantom, `Documented but no route file exports them:\n  ${phantom.join("\n  ")}`).toEqual([]);
  });

  it("gives every operation a unique operationId, a declared tag, a summary and a success response", () => {
    const declared = new Set<string>(TAGS.map((tag) => tag.name));
    const ids = operations.map(({ operation }) => operation.operationId);
    expect(new Set(ids).size, "operationIds repeat").toBe(ids.length);
    for (const { path, method, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(operation.operationId, where).toBeTruthy();
      expect(operation.summary, where).toBeTruthy();
      expect(operation.tags?.length, where).toBe(1);
      expect(declared.has(operation.tags![0]!), `${where}: tag ${operation.tags![0]} is not in TAGS`).toBe(true);
      expect(Object.keys(operation.responses ?? {}).some((status) => status.startsWith("2")), where).toBe(true);
    }
  });

  it("answers 401 with WWW-Authenticate on every operation that needs a credential, and 403 where a policy is named", () => {
    const unauthorized = document.components?.responses?.Unauthorized as OpenAPIV3_1.ResponseObject;
    expect(unauthorized.headers).toHaveProperty("WWW-Authenticate");
    for (const { path, method, operation } of operations) {
      const where = `${method.toUpperCase()} ${path}`;
      // An API credential, that is: the OAuth endpoints' own client authentication answers OAuth errors instead.
      const requirements = operation.security ?? document.security ?? [];
      const secured = requirements.some((r) => Object.keys(r).some((name) => name in SECURITY_SCHEMES));
      const responses = operation.responses ?? {};
      if (secured) expect(responses["401"], where).toEqual({ $ref: "#/components/responses/Unauthorized" });
      if ((operation as Record<string, unknown>)["x-keyward-policy"]) {
        expect(responses["403"], where).toEqual({ $ref: "#/components/responses/Forbidden" });
      }
    }
  });

  it("answers 429 with Retry-After and the RateLimit headers on every /api/v1 operation that needs a credential, and names the headers on its success answers", () => {
    const limited = document.components?.responses?.ApiRateLimited as OpenAPIV3_1.ResponseObject;
    expect(Object.keys(limited.headers ?? {})).toEqual(["Retry-After", "RateLimit-Policy", "RateLimit"]);
    const secured = operations.filter(({ path, operation }) => path.startsWith("/api/v1/") && (operation.security ?? []).length > 0);
    expect(secured.length).toBeGreaterThan(5);
    for (const { path, method, operation } of secured) {
      const where = `${method.toUpperCase()} ${path}`;
      expect(operation.responses?.["429"], where).toEqual({ $ref: "#/components/responses/ApiRateLimited" });
      const success = Object.entries(operation.responses ?? {}).filter(([status]) => status.startsWith("2"));
      for (const [status, response] of success) {
        expect(Object.keys((response as OpenAPIV3_1.ResponseObject).headers ?? {}), `${where} ${status}`).toEqual(
          expect.arrayContaining(["RateLimit-Policy", "RateLimit"]),
        );
      }
    }
  });

  it("offers a security scheme for each transport OpenAPI can express, and OAuth2 client credentials", () => {
    const schemes = Object.values(document.components?.securitySchemes ?? {}) as OpenAPIV3_1.SecuritySchemeObject[];
    const described = schemes.map((s) =>
      s.type === "apiKey" ? `${s.in}:${s.name}` : s.type === "http" ? `http:${s.scheme}` : s.type,
    );
    expect(described.sort()).toEqual(["header:X-API-Key", "http:basic", "http:bearer", "oauth2", "query:apiKey", "query:key"]);
    // Basic is only how an OAuth client signs in to the token endpoint, never an API credential.
    expect(document.security?.map((requirement) => Object.keys(requirement)[0]).sort()).toEqual([
      "ApiKeyHeader",
      "ApiKeyQuery",
      "BearerAuth",
      "CompanyOAuth",
      "KeyQuery",
    ]);
    const oauth = schemes.find((s) => s.type === "oauth2") as OpenAPIV3_1.OAuth2SecurityScheme;
    expect(oauth.flows.clientCredentials?.tokenUrl).toBe("/api/oauth/token");
  });
});

describe("the problem+json schema", () => {
  it.each(Object.keys(PROBLEM_TYPES) as ProblemType[])("matches what problem(%s) answers", async (type) => {
    const response = problem(type, {
      detail: "Something about this request.",
      ...(type === "validation" ? { errors: { url: ["Must use https."] } } : {}),
      ...(type === "forbidden" ? { extensions: { policy: "users:read" } } : {}),
    });
    expect(response.headers.get("content-type")).toBe("application/problem+json");
    expect(problemSchema.safeParse(await response.json()).success).toBe(true);
  });
});

describe("the schema of GET /api/v1/me", () => {
  it("accepts a personal key's answer and refuses an unknown credential kind", () => {
    const answer = {
      organization: { id: "o1", slug: "acme", name: "Acme Construction" },
      credential: { kind: "personal_key", id: "k1" },
      user: { id: "u1", email: "max@acme.test" },
      permissions: ["webhooks:read", "webhooks:write"],
    };
    expect(meResponseSchema.safeParse(answer).success).toBe(true);
    expect(meResponseSchema.safeParse({ ...answer, credential: { kind: "password", id: "k1" } }).success).toBe(false);
  });
});

describe("reading route files", () => {
  it("finds the methods a route exports, in every style Next allows", () => {
    expect(exportedMethods("export const GET = withPrincipal(null, handler);\nexport const dynamic = 'force-dynamic';")).toEqual(["GET"]);
    expect(exportedMethods("export async function POST(request: Request) {}\nexport function DELETE() {}")).toEqual(["POST", "DELETE"]);
    expect(exportedMethods("const h = 1;\nexport { h as PATCH, h as PUT };")).toEqual(["PUT", "PATCH"]);
    expect(exportedMethods("export const { GET, POST } = handlers;")).toEqual(["GET", "POST"]);
    expect(exportedMethods("export const PATCH = h;\nexport const { GET, HEAD, OPTIONS } = otherMethods({ PATCH });")).toEqual(["PATCH"]);
    expect(exportedMethods("// export const GETTER = 1\nexport const GETTER = 1;")).toEqual([]);
  });

  it("turns folders into OpenAPI paths", () => {
    expect(openApiPath("app/api/v1/api-keys/[id]/archive")).toBe("/api/v1/api-keys/{id}/archive");
    expect(openApiPath("app/api/(public)/v1/openapi.json")).toBe("/api/v1/openapi.json");
    expect(openApiPath("app/api/oauth/token")).toBe("/api/oauth/token");
  });
});
