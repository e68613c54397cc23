import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export interface RouteOperation {
  /** The OpenAPI path: `/api/v1/webhooks/{id}`. */
  path: string;
  method: HttpMethod;
  /** The route file, relative to the project root. */
  file: string;
}

/**
 * The HTTP methods a route module exports, read from its source text: `export const GET = …`,
 * `export async function GET(…)`, `export { handler as GET }` and `export const { GET, POST } = handlers`; not the
 * refusals of `export const { PUT, OPTIONS } = otherMethods(…)`.
 */
export function exportedMethods(source: string): HttpMethod[] {
  const found = new Set<string>();
  const method = HTTP_METHODS.join("|");
  for (const match of source.matchAll(new RegExp(`export\\s+(?:const|let|var|(?:async\\s+)?function)\\s+(${method})\\b`, "g"))) {
    found.add(match[1]!);
  }
  for (const match of source.matchAll(/export\s+(?:const|let|var)\s*\{([^}]*)\}\s*=\s*([\w$.]*)/g)) {
    // The refusals of the methods a route does not take (lib/api/methods.ts) are no operation of it.
    if (match[2] === "otherMethods") continue;
    for (const name of match[1]!.split(",")) found.add(name.split(":").pop()!.trim());
  }
  for (const match of source.matchAll(/export\s*\{([^}]*)\}/g)) {
    for (const name of match[1]!.split(",")) found.add(name.split(/\s+as\s+/).pop()!.trim());
  }
  return HTTP_METHODS.filter((m) => found.has(m));
}

/** `app/api/v1/webhooks/[id]` → `/api/v1/webhooks/{id}`; route groups `(name)` vanish. */
export function openApiPath(routeDir: string): string {
  const segments = routeDir
    .split(/[\\/]/)
    .filter((segment) => segment && segment !== "app" && !/^\(.*\)$/.test(segment))
    .map((segment) => segment.replace(/^\[(?:\.\.\.|\[\.\.\.)?([^\]]+)\]+$/, "{$1}"));
  return `/${segments.join("/")}`;
}

/** Every exported method of every `route.ts` under `dirs` (relative to `root`), sorted by path. */
export function listRouteOperations(root: string, dirs: readonly string[]): RouteOperation[] {
  const operations: RouteOperation[] = [];
  const walk = (relative: string) => {
    for (const entry of readdirSync(path.join(root, relative), { withFileTypes: true })) {
      const child = path.join(relative, entry.name);
      if (entry.isDirectory()) walk(child);
      else if (/^route\.(ts|tsx|js|mjs)$/.test(entry.name)) {
        const source = readFileSync(path.join(root, child), "utf8");
        for (const method of exportedMethods(source)) {
          operations.push({ path: openApiPath(relative), method, file: child.split(path.sep).join("/") });
        }
      }
    }
  };
  for (const dir of dirs) if (existsSync(path.join(root, dir))) walk(dir);
  return operations.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}
