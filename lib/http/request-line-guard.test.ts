import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ALLOWED_METHODS, guardRequestLines } from "./request-line-guard";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, since fetch() itself refuses to send TRACE or a target that is not a path. */
function send(port: number, method: string, path = "/", headers: Record<string, string> = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: "127.0.0.1", port, method, path, headers }, (response) => {
      let body = "";
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => (body += chunk));
      response.on("end", () => resolve({ status: response.statusCode!, headers: response.headers, body }));
    });
    outgoing.on("error", reject);
    outgoing.end();
  });
}

let server: Server | undefined;

/** A server whose own listener records what reaches it. */
async function listen(seen: string[]): Promise<number> {
  server = createServer((request, response) => {
    seen.push(`${request.method} ${request.url}`);
    response.end("handled");
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe("request lines that Next.js cannot build a Request of", () => {
  it("TRACE, and every method the server does not answer, is refused with 405 and Allow before the server's own listener runs", async () => {
    guardRequestLines();
    const seen: string[] = [];
    const port = await listen(seen);

    const traced = await send(port, "TRACE", "/api/v1/me");
    expect(traced.status).toBe(405);
    expect(traced.headers["allow"]).toBe(ALLOWED_METHODS);
    expect(traced.headers["content-type"]).toBe("application/problem+json");
    expect(traced.headers["x-content-type-options"]).toBe("nosniff");
    expect(JSON.parse(traced.body)).toEqual({
      type: "https://keyward.dev/problems/method-not-allowed",
      status: 405,
      title: "Method not allowed",
      detail: `TRACE is not supported by Keyward. Allowed: ${ALLOWED_METHODS}.`,
    });
    // The methods Node parses beside those (WebDAV's and others) are no method of this server either.
    for (const method of ["PROPFIND", "MKCOL", "PURGE", "LOCK", "SEARCH"]) {
      const refused = await send(port, method, "/api/v1/me");
      expect(refused.status, method).toBe(405);
      expect(refused.headers["allow"], method).toBe(ALLOWED_METHODS);
      expect(JSON.parse(refused.body), method).toMatchObject({ status: 405, detail: expect.stringContaining(`${method} is not supported`) });
    }
    expect(seen).toEqual([]);
  });

  it("OPTIONS * says what the server supports; * or a target that is no path with any other method is a 400", async () => {
    guardRequestLines();
    const seen: string[] = [];
    const port = await listen(seen);

    const options = await send(port, "OPTIONS", "*");
    expect(options.status).toBe(204);
    expect(options.headers["allow"]).toBe(ALLOWED_METHODS);
    expect(options.headers["content-length"]).toBeUndefined();
    // Node itself refuses most other targets that are no path (x, ?a=1); those beginning with * reach the server.
    for (const [method, target] of [["GET", "*"], ["POST", "*"], ["GET", "*x"], ["HEAD", "*"], ["OPTIONS", "*/api/v1/me"]]) {
      const refused = await send(port, method!, target);
      expect(refused.status, `${method} ${target}`).toBe(400);
      if (method !== "HEAD") expect(JSON.parse(refused.body), `${method} ${target}`).toMatchObject({ type: "https://keyward.dev/problems/invalid-request", status: 400 });
    }
    expect(seen).toEqual([]);
  });

  it("pass every other request to the server's listener, once, even when the guard is installed twice", async () => {
    guardRequestLines();
    guardRequestLines();
    const seen: string[] = [];
    const port = await listen(seen);
    const requests = [
      ["GET", "/"],
      ["OPTIONS", "/api/v1/me"],
      ["PATCH", "/login"],
      ["DELETE", "/api/v1/webhooks/1?x=%ff"],
    ] as const;
    const answers = await Promise.all(requests.map(([method, target]) => send(port, method, target)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect(seen.sort()).toEqual(requests.map(([method, target]) => `${method} ${target}`).sort());
  });

  it("make a URL target the path it names, with the URL's host as Host; a URL without a host is a 400", async () => {
    guardRequestLines();
    const seen: string[] = [];
    server = createServer((request, response) => {
      seen.push(`${request.method} ${request.url} ${request.headers.host}`);
      response.end("handled");
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;

    for (const [target, expected] of [
      ["http://keyward.example/api/v1/me?page=2", "/api/v1/me?page=2 keyward.example"],
      ["HTTPS://user:pw@Keyward.example:8443", "/ Keyward.example:8443"],
      ["http://[::1]:3000?q=a/b", "/?q=a/b [::1]:3000"],
    ]) {
      seen.length = 0;
      expect((await send(port, "GET", target)).status, target).toBe(200);
      expect(seen, target).toEqual([`GET ${expected}`]);
    }
    seen.length = 0;
    for (const target of ["http:///api/v1/me", "http://a_b.example/x", "http://256.1.1.1/", "http://keyward.example:99999/"]) {
      const refused = await send(port, "POST", target);
      expect(refused.status, target).toBe(400);
      expect(JSON.parse(refused.body), target).toMatchObject({ type: "https://keyward.dev/problems/invalid-request", status: 400 });
    }
    expect(seen).toEqual([]);
  });

  it("every answer carries the security headers, the API's no-store and, over https, Strict-Transport-Security; a handler may set its own", async () => {
    guardRequestLines();
    server = createServer((request, response) => {
      if (request.url === "/static.css") response.setHeader("Cache-Control", "public, max-age=31536000, immutable");
      response.end("handled");
    });
    await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as AddressInfo).port;

    const answers = {
      page: await send(port, "GET", "/admin/api-keys"),
      api: await send(port, "GET", "/api/v1/me"),
      apiQuery: await send(port, "GET", "/api?x=1"),
      apiByUrl: await send(port, "GET", "http://keyward.example/api/v1/users"),
      apiLookalike: await send(port, "GET", "/apix"),
      asset: await send(port, "GET", "/static.css"),
      traced: await send(port, "TRACE", "/"),
      https: await send(port, "GET", "/login", { "x-forwarded-proto": "https" }),
    };
    for (const [name, answer] of Object.entries(answers)) {
      expect(answer.headers["x-content-type-options"], name).toBe("nosniff");
      expect(answer.headers["referrer-policy"], name).toBe("no-referrer");
      expect(answer.headers["x-frame-options"], name).toBe("DENY");
      expect(answer.headers["permissions-policy"], name).toContain("camera=()");
      expect(answer.headers["strict-transport-security"], name).toBe(name === "https" ? "max-age=31536000" : undefined);
    }
    expect([answers.api, answers.apiQuery, answers.apiByUrl, answers.traced].map((a) => a.headers["cache-control"])).toEqual(
      Array(4).fill("no-store"),
    );
    expect(answers.page.headers["cache-control"]).toBeUndefined();
    expect(answers.apiLookalike.headers["cache-control"]).toBeUndefined();
    expect(answers.asset.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });
});
