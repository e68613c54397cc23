import { NextResponse, type NextFetchEvent, type NextRequest } from "next/server";
import { problem } from "@/lib/api/problem";
import { auth } from "@/lib/auth/config";
import { isHost } from "@/lib/http/host";
import { contentSecurityPolicy } from "@/lib/http/security-headers";

/** Paths that answer without a console session: sign-in, sign-out (which says so itself) and the API documentation. */
const PUBLIC_PAGES = [/^\/login(\/|$)/, /^\/logout(\/|$)/, /^\/docs(\/|$)/];

/** Console pages: a session or a redirect to sign-in, and a fresh CSP nonce for Next's inline scripts. */
// With a lazily built config, next-auth's auth(handler) resolves to the handler (its types say otherwise).
type Proxy = (request: NextRequest, event: NextFetchEvent) => Promise<Response | undefined>;
const consoleProxy = auth((request) => {
  const { pathname, search } = request.nextUrl;
  if (!request.auth?.user && !PUBLIC_PAGES.some((pattern) => pattern.test(pathname))) {
    const login = new URL("/login", request.nextUrl);
    if (pathname !== "/") login.searchParams.set("callbackUrl", `${pathname}${search}`);
    return NextResponse.redirect(login);
  }
  const nonce = Buffer.from(crypto.randomUUID()).toString("base64");
  const csp = contentSecurityPolicy(nonce, process.env.NODE_ENV === "development");
  const headers = new Headers(request.headers);
  headers.set("x-nonce", nonce);
  headers.set("Content-Security-Policy", csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("Content-Security-Policy", csp);
  return response;
}) as unknown as Promise<Proxy>;

/** Whether every `%xx` of the path decodes to UTF-8: Next.js answers 500 for one that does not, before any route. */
function isDecodablePath(pathname: string): boolean {
  try {
    decodeURIComponent(pathname);
    return true;
  } catch {
    return false;
  }
}

export async function proxy(request: NextRequest, event: NextFetchEvent) {
  const api = request.nextUrl.pathname.startsWith("/api/");
  if (!isDecodablePath(request.nextUrl.pathname)) {
    return api
      ? problem("invalid_request", { detail: "The path is not valid percent-encoded UTF-8." })
      : new NextResponse("Page not found.", { status: 404, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  // Auth.js and the pages build URLs from the Host; one no URL can hold (a port beyond 65535) would throw there.
  const host = request.headers.get("host");
  if (host !== null && !isHost(host)) return new NextResponse("Bad request: the Host header is not a host.", { status: 400 });
  // API requests skip the session entirely: they bring their own credentials.
  if (api) return NextResponse.next();
  // A form post to a page is a server action; Next.js answers a body it cannot parse with 500, so refuse it here.
  if (request.method === "POST" && request.headers.get("content-type")?.toLowerCase().startsWith("multipart/form-data")) {
    const parsed = await request.clone().formData().then(() => true, () => false);
    if (!parsed) return new NextResponse("Bad request: the form data cannot be read.", { status: 400 });
  }
  return (await consoleProxy)(request, event);
}

export const config = {
  matcher: [
    // Console pages: everything but the API and Next's own static assets.
    "/((?!api(?:/|$)|_next/static|_next/image|favicon.ico|icon.svg|robots.txt).*)",
    // API paths only when they hold a percent-escape, the one thing to check before Next.js decodes them. Every other
    // API request goes straight to its route: no proxy cost, and no proxy buffering of its body, which the route's
    // body reader limits as it streams.
    "/api/(.*%.*)",
  ],
};
