import "server-only";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { METHODS } from "@/lib/api/methods";
import { PROBLEM_CONTENT_TYPE, problemDocument, type ProblemType } from "@/lib/api/problem";
import { isHost } from "./host";
import { stampSecurityHeaders } from "./security-headers";

/** What this server answers at all; each route's OPTIONS says which of them it takes. */
export const ALLOWED_METHODS = METHODS.join(", ");
const ALLOWED: ReadonlySet<string> = new Set(METHODS);

/** A path (origin-form) or a whole URL (absolute-form), the two request targets Next.js can parse. */
const PARSEABLE_TARGET = /^(\/|[a-z][a-z0-9+.-]*:\/\/)/i;

/** An absolute-form target: scheme, authority (with any user info), and the rest. */
const ABSOLUTE_FORM = /^[a-z][a-z0-9+.-]*:\/\/(?:[^/?#@]*@)?([^/?#]*)(.*)$/is;

type RequestListener = (this: Server, request: IncomingMessage, response: ServerResponse) => void;

function answer(
  request: IncomingMessage,
  response: ServerResponse,
  status: number,
  headers: Record<string, string>,
  problem?: { type: ProblemType; detail: string },
) {
  const body = problem ? JSON.stringify(problemDocument(problem.type, { detail: problem.detail })) : "";
  stampSecurityHeaders(request, response);
  response.writeHead(status, {
    ...headers,
    "Cache-Control": "no-store",
    // A 204 has no body, so no length either (RFC 9110 §8.6).
    ...(problem ? { "Content-Type": PROBLEM_CONTENT_TYPE, "Content-Length": String(Buffer.byteLength(body)) } : {}),
  });
  response.end(body);
}

/**
 * Answers a request line that Next.js would answer 500 (it cannot build a Request of it), as problem+json like every
 * other refusal; returns false for every other request, which the server handles as before.
 * - A method outside ALLOWED_METHODS: 405. The Fetch API's Request cannot hold TRACE and TRACK, so Next.js answered
 *   them with 500 and a stack trace in the log (TRACE is the first thing a security scanner sends), and the WebDAV
 *   methods Node parses (PROPFIND, MKCOL…) with a bare 400. (CONNECT never reaches a request listener.)
 * - `OPTIONS *` asks what the server supports (RFC 9110 §9.3.7): 204 with Allow. Any other method with `*`, or a
 *   target that is neither a path nor a URL: 400.
 * - A URL is made a path (`toOriginForm`), or refused with 400 when it names no host.
 */
export function answeredAtTheDoor(request: IncomingMessage, response: ServerResponse): boolean {
  const method = request.method ?? "";
  const target = request.url ?? "";
  if (!ALLOWED.has(method)) {
    answer(request, response, 405, { Allow: ALLOWED_METHODS }, { type: "method_not_allowed", detail: `${method} is not supported by Keyward. Allowed: ${ALLOWED_METHODS}.` });
  } else if (target === "*" && method === "OPTIONS") {
    answer(request, response, 204, { Allow: ALLOWED_METHODS });
  } else if (!PARSEABLE_TARGET.test(target)) {
    answer(request, response, 400, {}, { type: "invalid_request", detail: "The request target must be a path that starts with /, or a URL." });
  } else if (!target.startsWith("/") && !toOriginForm(request)) {
    answer(request, response, 400, {}, { type: "invalid_request", detail: "The request target's URL does not name a host." });
  } else {
    return false;
  }
  return true;
}

/**
 * Turns an absolute-form target (`GET http://host/path`, which RFC 9112 §3.2.2 says a server must accept) into the
 * path Next.js expects, with Host taken from the target as that section asks. Next.js answered it with a 308 to the
 * very same URL: a loop for the client, and a redirect to whichever host the target named. Returns false when the
 * target names no host.
 */
function toOriginForm(request: IncomingMessage): boolean {
  const [, authority = "", rest = ""] = ABSOLUTE_FORM.exec(request.url ?? "") ?? [];
  if (!isHost(authority)) return false;
  // Node refuses a fragment in the target, so `rest` is a path, a query, or nothing.
  request.url = rest.startsWith("/") ? rest : `/${rest}`;
  request.headers.host = authority;
  return true;
}

/**
 * Puts `answeredAtTheDoor` in front of the server's request listeners, which see every other request as before, its
 * response already carrying the security headers.
 */
export function guardServer(server: Server): void {
  const listeners = server.listeners("request") as RequestListener[];
  server.removeAllListeners("request");
  server.on("request", function (this: Server, request: IncomingMessage, response: ServerResponse) {
    if (answeredAtTheDoor(request, response)) return;
    stampSecurityHeaders(request, response);
    for (const listener of listeners) listener.call(this, request, response);
  });
}

const state = globalThis as unknown as { __keywardRequestLineGuard?: WeakSet<Server> };

/**
 * Guards every server of this process. Next.js creates its server itself; Node publishes each request on this
 * channel, with its server, just before the server's listeners run, so the first request of each server (that one
 * included) installs the guard.
 */
export function guardRequestLines(): void {
  if (state.__keywardRequestLineGuard) return;
  const guarded = (state.__keywardRequestLineGuard = new WeakSet<Server>());
  subscribe("http.server.request.start", (message) => {
    const { server } = message as { server: Server };
    if (guarded.has(server)) return;
    guarded.add(server);
    guardServer(server);
  });
}
