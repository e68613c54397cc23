import "server-only";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { STATIC_SECURITY_HEADERS } from "./security-headers";

/**
 * Methods the Fetch API's Request refuses to hold. Next.js builds one for every request (the proxy and route
 * handlers alike), so it answered these with 500 and a stack trace in the log: a 5xx anyone can cause, and TRACE is
 * the first thing a security scanner sends. (CONNECT never reaches a request listener: Node reports it separately.)
 */
export const UNREPRESENTABLE_METHODS: ReadonlySet<string> = new Set(["CONNECT", "TRACE", "TRACK"]);

/** What this server answers at all; each route's OPTIONS says which of them it takes. */
export const ALLOWED_METHODS = "GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS";

type RequestListener = (this: Server, request: IncomingMessage, response: ServerResponse) => void;

/** 405 problem+json, as every other refusal of the API, with the security headers every answer carries. */
export function refuseMethod(request: IncomingMessage, response: ServerResponse): void {
  const body = JSON.stringify({
    type: "https://keyward.dev/problems/method-not-allowed",
    title: "Method not allowed",
    status: 405,
    detail: `${request.method} is not supported by Keyward. Allowed: ${ALLOWED_METHODS}.`,
  });
  response.writeHead(405, {
    ...Object.fromEntries(STATIC_SECURITY_HEADERS.map(({ key, value }) => [key, value])),
    Allow: ALLOWED_METHODS,
    "Content-Type": "application/problem+json",
    "Cache-Control": "no-store",
    "Content-Length": Buffer.byteLength(body),
  });
  response.end(body);
}

/** Puts the refusal in front of the server's request listeners, which see every other method as before. */
export function guardServer(server: Server): void {
  const listeners = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  server.on("request", function (this: Server, request: IncomingMessage, response: ServerResponse) {
    if (UNREPRESENTABLE_METHODS.has(request.method ?? "")) return refuseMethod(request, response);
    for (const listener of listeners) listener.call(this, request, response);
  });
}

const state = globalThis as unknown as { __keywardMethodGuard?: WeakSet<Server> };

/**
 * Refuses unrepresentable methods before Next.js sees them. Next creates its server itself; Node publishes each
 * request on this channel, with its server, just before the server's listeners run, so the first request of each
 * server (this one included) installs the guard.
 */
export function refuseUnrepresentableMethods(): void {
  if (state.__keywardMethodGuard) return;
  const guarded = (state.__keywardMethodGuard = new WeakSet<Server>());
  subscribe("http.server.request.start", (message) => {
    const { server } = message as { server: Server };
    if (guarded.has(server)) return;
    guarded.add(server);
    guardServer(server);
  });
}
