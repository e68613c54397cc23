import { createServer, request as httpRequest, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { ALLOWED_METHODS, refuseUnrepresentableMethods } from "./unrepresentable-methods";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** node:http, since fetch() itself refuses to send TRACE. */
function send(port: number, method: string, path = "/"): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest({ host: "127.0.0.1", port, method, path }, (response) => {
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

async function listen(handler: (method: string) => void): Promise<number> {
  server = createServer((request, response) => {
    handler(request.method!);
    response.end("handled");
  });
  await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
  return (server.address() as AddressInfo).port;
}

afterEach(async () => {
  await new Promise((resolve) => server?.close(resolve));
  server = undefined;
});

describe("methods the Fetch API cannot represent", () => {
  it("are refused with 405 before the server's own listener runs, from the first request on", async () => {
    refuseUnrepresentableMethods();
    const seen: string[] = [];
    const port = await listen((method) => seen.push(method));

    const traced = await send(port, "TRACE", "/api/v1/me");
    expect(traced.status).toBe(405);
    expect(traced.headers["allow"]).toBe(ALLOWED_METHODS);
    expect(traced.headers["content-type"]).toBe("application/problem+json");
    expect(traced.headers["x-content-type-options"]).toBe("nosniff");
    expect(JSON.parse(traced.body)).toMatchObject({ status: 405, title: "Method not allowed", detail: expect.stringContaining("TRACE") });

    for (const method of ["GET", "POST", "OPTIONS", "PROPFIND", "TRACE", "DELETE"]) await send(port, method);
    expect(seen).toEqual(["GET", "POST", "OPTIONS", "PROPFIND", "DELETE"]);
  });

  it("pass every other method to the server's listener, once, even when the guard is installed twice", async () => {
    refuseUnrepresentableMethods();
    refuseUnrepresentableMethods();
    const seen: string[] = [];
    const port = await listen((method) => seen.push(method));
    const answers = await Promise.all(["GET", "HEAD", "PATCH"].map((method) => send(port, method)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(seen.sort()).toEqual(["GET", "HEAD", "PATCH"]);
  });
});
