import { problem } from "@/lib/api/problem";

export const dynamic = "force-dynamic";

/**
 * `/api`, or a path under it that names no route, whatever the method: the API's own 404, problem+json like its
 * other refusals, where Next.js would answer with the console's HTML page (and `/api` itself with the sign-in page).
 * Every route of the API is more specific than this one.
 */
function noRoute(request: Request): Response {
  const { pathname } = new URL(request.url);
  return problem("not_found", { detail: `No API route is at ${pathname}. The API reference is at /docs/api.` });
}

export { noRoute as GET, noRoute as POST, noRoute as PUT, noRoute as PATCH, noRoute as DELETE, noRoute as OPTIONS };
