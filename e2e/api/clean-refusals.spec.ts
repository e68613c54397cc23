import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { gzipSync } from "node:zlib";
import { generateSecret } from "@/lib/secrets";
import { expect, storageStateFor, test } from "../fixtures";
import { asKey } from "../personal-key";
import { createKey } from "../support/api-keys";
import { rawRequest } from "../support/raw-http";

// Refused credentials count against the client's address: this file's refusals come from an address of its own,
// which the test server believes because the runner stands where a trusted proxy would.
test.use({ storageState: storageStateFor("admin"), extraHTTPHeaders: { "X-Forwarded-For": "198.51.100.77" } });

const run = promisify(execFile);
const MiB = 1024 * 1024;

/** A challenge that clients and proxies can parse: plain ASCII, RFC 6750's shape. */
const CHALLENGE = /^Bearer realm="keyward"(, error="(invalid_token|invalid_request)", error_description="[ !#-~]+")?$/;

test("Every refusal of a credential is a 401 with a parseable challenge, or a 400, and never a 5xx", async ({ page, request }) => {
  const { secret } = await createKey(page, { policies: ["users:read"] });
  // A well-formed token (right prefix and checksum) that no one issued: it reaches the token resolver.
  const token = generateSecret("access_token");
  const cases: [string, Record<string, string>, string, number][] = [
    ["no credential", {}, "/api/v1/me", 401],
    ["a generated code with a bad checksum", { "X-API-Key": "kwak_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA000000" }, "/api/v1/me", 401],
    ["an unknown custom value", { "X-API-Key": "nobody-made-this-value-0123456789-abcdefgh" }, "/api/v1/me", 401],
    ["a token-shaped value in X-API-Key", { "X-API-Key": token }, "/api/v1/me", 401],
    ["a token-shaped value in the apiKey parameter", {}, `/api/v1/me?apiKey=${token}`, 401],
    ["a token as a bearer", { Authorization: `Bearer ${token}` }, "/api/v1/me", 401],
    ["a code for an account it is not linked to", { "X-API-Key": secret, "X-Keyward-Account": "globex" }, "/api/v1/me", 401],
    ["two different credentials", { "X-API-Key": secret, Authorization: "Bearer kwak_other" }, "/api/v1/me", 400],
    ["the same parameter twice with two values", {}, `/api/v1/me?apiKey=${secret}&apiKey=other`, 400],
    ["a key without the policy", { "X-API-Key": secret }, "/api/v1/audit-events", 403],
  ];
  for (const [what, headers, path, status] of cases) {
    const response = await request.get(path, { headers });
    expect(response.status(), what).toBe(status);
    expect(response.headers()["content-type"], what).toContain("application/problem+json");
    if (status === 401) expect(response.headers()["www-authenticate"], what).toMatch(CHALLENGE);
  }
});

test("The header X-ApiKey is accepted like X-API-Key", async ({ page, request }) => {
  const { secret } = await createKey(page);
  const response = await request.get("/api/v1/me", { headers: { "X-ApiKey": secret } });
  expect(response.status()).toBe(200);
  expect((await response.json()).credential.kind).toBe("access_code");
});

test("A path that is not valid percent-encoded UTF-8 answers 400 on the API and 404 in the console", async ({ baseURL, page }) => {
  const { secret } = await createKey(page);
  for (const [method, path] of [
    ["GET", "/api/v1/webhooks/%ff"],
    ["DELETE", "/api/v1/webhooks/%00%ff"],
    ["GET", "/api/v1/api-keys/%ff"],
    ["GET", "/api/v1/%c3%28"],
  ] as const) {
    const response = await rawRequest(baseURL!, { method, path, headers: { "X-API-Key": secret } });
    expect(response.status, `${method} ${path}`).toBe(400);
    expect(response.headers["content-type"], path).toContain("application/problem+json");
  }
  const consolePage = await rawRequest(baseURL!, { path: "/admin/api-keys/%ff" });
  expect(consolePage.status).toBe(404);
});

test("TRACE, which the Fetch API cannot hold, is refused with 405 everywhere, and a request target of * never gets a 5xx", async ({ baseURL, page }) => {
  const { secret } = await createKey(page);
  for (const path of ["/api/v1/me", "/api/v1/webhooks", "/api/oauth/token", "/api/health", "/login", "/admin/api-keys", "/"]) {
    for (const headers of [{}, { "X-API-Key": secret }] as Record<string, string>[]) {
      const response = await rawRequest(baseURL!, { method: "TRACE", path, headers });
      expect(response.status, `TRACE ${path}`).toBe(405);
      expect(response.headers["allow"], path).toContain("GET");
      expect(response.headers["content-type"], path).toBe("application/problem+json");
      expect(JSON.parse(response.body), path).toMatchObject({ status: 405, detail: expect.stringContaining("TRACE") });
    }
  }
  // OPTIONS * asks what the server supports; * with any other method is no resource at all.
  const options = await rawRequest(baseURL!, { method: "OPTIONS", path: "*" });
  expect(options.status).toBe(204);
  expect(options.headers["allow"]).toContain("GET");
  for (const method of ["GET", "POST", "DELETE"]) {
    const refused = await rawRequest(baseURL!, { method, path: "*", headers: { "X-API-Key": secret } });
    expect(refused.status, `${method} *`).toBe(400);
    expect(refused.headers["content-type"]).toBe("application/problem+json");
  }
  // The server answers every other request as before.
  expect((await rawRequest(baseURL!, { path: "/api/v1/me", headers: { "X-API-Key": secret } })).status).toBe(200);
});

/** Every route of the app, by the path a client calls, and the methods it takes. */
const ROUTE_METHODS: Record<string, string> = {
  "/admin/audit-log/export": "GET, HEAD, OPTIONS",
  "/api/auth/session": "GET, HEAD, POST, OPTIONS",
  "/api/health": "GET, HEAD, OPTIONS",
  "/api/oauth/revoke": "POST, OPTIONS",
  "/api/oauth/token": "POST, OPTIONS",
  "/api/secret-scanning/report": "POST, OPTIONS",
  "/api/v1/api-keys": "GET, HEAD, POST, OPTIONS",
  "/api/v1/api-keys/00000000-0000-4000-8000-000000000000": "GET, HEAD, PATCH, OPTIONS",
  "/api/v1/api-keys/00000000-0000-4000-8000-000000000000/archive": "POST, OPTIONS",
  "/api/v1/audit-events": "GET, HEAD, OPTIONS",
  "/api/v1/keys/verify": "POST, OPTIONS",
  "/api/v1/me": "GET, HEAD, POST, OPTIONS",
  "/api/v1/openapi.json": "GET, HEAD, OPTIONS",
  "/api/v1/usage": "GET, HEAD, OPTIONS",
  "/api/v1/users": "GET, HEAD, OPTIONS",
  "/api/v1/webhooks": "GET, HEAD, POST, OPTIONS",
  "/api/v1/webhooks/00000000-0000-4000-8000-000000000000": "GET, HEAD, PATCH, DELETE, OPTIONS",
  "/api/v1/webhooks/00000000-0000-4000-8000-000000000000/roll-secret": "POST, OPTIONS",
  "/api/v1/webhooks/00000000-0000-4000-8000-000000000000/stop-previous-secret": "POST, OPTIONS",
};

test("Every route answers a method it does not take with 405, problem+json and Allow, and OPTIONS with that Allow", async ({ page }) => {
  // The table above covers every route of the app: a new route must say here what it takes.
  const routes = readdirSync("app", { recursive: true, encoding: "utf8" })
    // The API's not-found route answers every method with 404 (the next test).
    .filter((file) => file.endsWith("route.ts") && !file.includes("[[...path]]"))
    .map((file) =>
      `/${path.dirname(file)}`
        .replace(/\/\([^)]+\)/g, "")
        .replace("[...nextauth]", "session")
        .replaceAll("[id]", "00000000-0000-4000-8000-000000000000"),
    );
  expect(routes.sort()).toEqual(Object.keys(ROUTE_METHODS).sort());

  for (const [route, allow] of Object.entries(ROUTE_METHODS)) {
    const options = await page.request.fetch(route, { method: "OPTIONS" });
    expect(options.status(), `OPTIONS ${route}`).toBe(204);
    expect(options.headers()["allow"], `OPTIONS ${route}`).toBe(allow);
    for (const method of ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"].filter((m) => !allow.split(", ").includes(m))) {
      const refused = await page.request.fetch(route, { method });
      expect(refused.status(), `${method} ${route}`).toBe(405);
      expect(refused.headers()["allow"], `${method} ${route}`).toBe(allow);
      if (method === "HEAD") continue;
      expect(refused.headers()["content-type"], `${method} ${route}`).toBe("application/problem+json");
      expect(await refused.json(), `${method} ${route}`).toMatchObject({ status: 405, detail: `${method} is not supported on ${route}. Allowed: ${allow}.` });
    }
  }
  // A method no route takes never reaches one.
  const propfind = await page.request.fetch("/api/v1/me", { method: "PROPFIND" });
  expect(propfind.status()).toBe(405);
  expect(await propfind.json()).toMatchObject({ status: 405, detail: expect.stringContaining("PROPFIND is not supported") });
});

test("An API path that names no route is a 404 in problem+json for every method, not the console's HTML page", async ({ page }) => {
  for (const route of ["/api", "/api/v1/unknown", "/api/v1/me/extra", "/api/v2/me", "/api/oauth/authorize", "/api/v1/webhooks/00000000-0000-4000-8000-000000000000/test"]) {
    for (const method of ["GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]) {
      const answer = await page.request.fetch(route, { method, headers: { "Content-Type": "application/json" }, data: method === "GET" ? undefined : "{}" });
      expect(answer.status(), `${method} ${route}`).toBe(404);
      expect(answer.headers()["content-type"], `${method} ${route}`).toBe("application/problem+json");
      expect(await answer.json(), `${method} ${route}`).toMatchObject({
        status: 404,
        title: "Not found",
        detail: `No API route is at ${route}. The API reference is at /docs/api.`,
      });
    }
    const head = await page.request.head(route);
    expect(head.status(), `HEAD ${route}`).toBe(404);
  }
});

test("A request target written as a whole URL is answered as its path, never redirected to itself", async ({ baseURL, page }) => {
  const { secret } = await createKey(page);
  const { host } = new URL(baseURL!);
  // RFC 9112 §3.2.2: a server must accept absolute-form; the URL's host stands for Host.
  for (const target of [`${baseURL}/api/v1/me`, `http://keyward.example/api/v1/me?x=1`]) {
    const response = await rawRequest(baseURL!, { path: target, headers: { "X-API-Key": secret } });
    expect(response.status, target).toBe(200);
    expect(response.headers["location"], target).toBeUndefined();
    expect(JSON.parse(response.body), target).toMatchObject({ credential: { kind: "access_code" } });
  }
  const login = await rawRequest(baseURL!, { path: `http://${host}/login?callbackUrl=%2Fadmin`, headers: { Host: "other.example" } });
  expect(login.status).toBe(200);
  expect(login.body).toContain("Sign in");
  const nowhere = await rawRequest(baseURL!, { method: "POST", path: "http:///api/v1/me", headers: { "X-API-Key": secret } });
  expect(nowhere.status).toBe(400);
  expect(nowhere.headers["content-type"]).toBe("application/problem+json");
});

test("A Host or forwarded host that no URL can hold is refused with 400 in the console, never a 500", async ({ baseURL }) => {
  for (const host of ["4294967296", "keyward.example:99999", "256.1.1.1", "[::1"]) {
    for (const path of ["/login", "/admin/api-keys"]) {
      const response = await rawRequest(baseURL!, { path, headers: { Host: host } });
      expect(response.status, `Host: ${host} ${path}`).toBe(400);
    }
    // The test runner stands where a trusted proxy would; a host it cannot have meant is dropped, not used.
    const forwarded = await rawRequest(baseURL!, { path: "/login", headers: { "X-Forwarded-Host": host } });
    expect(forwarded.status, `X-Forwarded-Host: ${host}`).toBe(200);
  }
});

test("Malformed OAuth and audit-log input is refused with 4xx, not 500", async ({ baseURL, page, request }) => {
  const token = await rawRequest(baseURL!, {
    method: "POST",
    path: "/api/oauth/token",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials&client_id=%00&client_secret=kwcs_x",
  });
  expect(token.status).toBe(401);

  const { secret } = await createKey(page, { policies: ["audit:read"] });
  for (const query of ["actor=%00", "action=a%00", "from=%2B275760-09-13T00:00:00Z", "to=10000-01-01", "limit=1e400", "cursor=%ff"]) {
    const response = await rawRequest(baseURL!, { path: `/api/v1/audit-events?${query}`, headers: { "X-API-Key": secret } });
    expect(response.status, query).toBeGreaterThanOrEqual(400);
    expect(response.status, query).toBeLessThan(500);
  }
  const ok = await request.get("/api/v1/audit-events?limit=1", asKey(secret));
  expect(ok.status()).toBe(200);
});

test("Console pages take the first of a repeated search parameter", async ({ page }) => {
  for (const path of ["/admin/api-keys?q=a&q=b", "/admin/api-keys?tag=a&tag=b", "/admin/api-management?q=a&q=b", "/admin/people?role=member&role=x"]) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
});

test("Console pages read a search parameter named after one of Object's members like any other", async ({ page }) => {
  // Next.js gathers search parameters into a plain object, so `constructor` arrives behind Object's own function.
  const paths = [
    "/admin/audit-log?constructor=&action=%",
    "/admin/audit-log?toString=x&action=a",
    "/admin/api-keys?constructor=&q=%",
    "/admin/access-logs?constructor=&status=%",
    "/admin/people?constructor=&role=%",
    "/admin/api-management?hasOwnProperty=&q=%",
  ];
  for (const path of paths) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  }
});

test("A body over 1 MiB is refused with 413 whether or not it says its length", async ({ baseURL, page }) => {
  // The body is measured before the credential is even looked at.
  const { secret } = await createKey(page);
  const chunk = Buffer.alloc(256 * 1024, 0x20);
  for (const path of ["/api/v1/webhooks", "/api/v1/me", "/api/v1/keys/verify"]) {
    const chunked = await rawRequest(baseURL!, {
      method: "POST",
      path,
      headers: { "X-API-Key": secret, "Content-Type": "application/json" },
      chunks: Array.from({ length: 8 * 4 }, () => chunk),
    });
    expect(chunked.status, `chunked ${path}`).toBe(413);
  }
  const declared = await rawRequest(baseURL!, {
    method: "POST",
    path: "/api/v1/webhooks",
    headers: { "X-API-Key": secret, "Content-Type": "application/json", "Content-Length": String(2 * MiB) },
    body: Buffer.alloc(2 * MiB, 0x20),
  });
  expect(declared.status).toBe(413);
});

test("A compressed body is refused as such (415 on the API, invalid_request from OAuth), not as malformed", async ({ baseURL, page }) => {
  const { secret } = await createKey(page);
  const gzipped = gzipSync(JSON.stringify({ key: secret }));
  for (const path of ["/api/v1/keys/verify", "/api/v1/me"]) {
    const response = await rawRequest(baseURL!, {
      method: "POST",
      path,
      headers: { "X-API-Key": secret, "Content-Type": "application/json", "Content-Encoding": "gzip" },
      body: gzipped,
    });
    expect(response.status, path).toBe(415);
    expect(response.headers["accept-encoding"], path).toBe("identity");
    expect(JSON.parse(response.body), path).toMatchObject({ status: 415, detail: expect.stringContaining("uncompressed") });
  }
  const token = await rawRequest(baseURL!, {
    method: "POST",
    path: "/api/oauth/token",
    headers: { "Content-Type": "application/x-www-form-urlencoded", "Content-Encoding": "gzip" },
    body: gzipSync("grant_type=client_credentials&client_id=kwc_x&client_secret=kwcs_x"),
  });
  expect(token.status).toBe(400);
  expect(JSON.parse(token.body)).toMatchObject({ error: "invalid_request", error_description: expect.stringContaining("uncompressed") });
});

test("Every example on a key's Usage tab works exactly as the page shows it", async ({ page, baseURL }) => {
  const { keyId, secret } = await createKey(page, { policies: ["users:read"] });
  await page.goto(`/admin/api-keys/${keyId}/usage`);
  const examples = await page
    .getByRole("list", { name: "Ways to send an access code" })
    .getByRole("listitem")
    .getByText(/^curl /)
    .allInnerTexts();
  expect(examples).toHaveLength(6);
  for (const example of examples) {
    expect(example, "the page shows the console's own address").toContain(new URL(baseURL!).host);
    // The examples show the access code by its prefix; the whole code goes in its place.
    const command = example.replaceAll(`${secret.slice(0, "kwak_".length + 8)}…`, secret);
    expect(command, example).toContain(secret);
    const { stdout } = await run("sh", ["-c", `${command} -s -w '\\n%{http_code}'`]);
    const [body, status] = [stdout.slice(0, stdout.lastIndexOf("\n")), stdout.slice(stdout.lastIndexOf("\n") + 1)];
    expect(status, example).toBe("200");
    expect(JSON.parse(body).credential, example).toMatchObject({ kind: "access_code" });
  }
});

test("Every transport example of the API documentation works as written, with its two shell variables", async ({ page, baseURL }) => {
  const { secret } = await createKey(page);
  await page.goto("/docs/api");
  const examples = await page.getByRole("region", { name: "Getting started" }).getByRole("listitem").allInnerTexts();
  const commands = examples
    .map((text) => text.slice(text.indexOf("curl ")))
    .filter((text) => text.startsWith("curl ") && text.includes("$KEYWARD_KEY") && text.includes("/api/v1/me"));
  expect(commands).toHaveLength(6);
  for (const command of commands) {
    const { stdout } = await run("sh", ["-c", `${command} -s -w '\\n%{http_code}'`], {
      env: { ...process.env, KEYWARD: baseURL!, KEYWARD_KEY: secret },
    });
    expect(stdout.slice(stdout.lastIndexOf("\n") + 1), command).toBe("200");
  }
});
