import type { APIRequestContext } from "@playwright/test";

/** The part of JSON Schema (OpenAPI 3.1) the generators read. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: Schema[];
  oneOf?: Schema[];
  allOf?: Schema[];
  format?: string;
  minLength?: number;
  maxLength?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
}

export interface Param {
  name: string;
  schema: Schema;
}

/** One operation of the OpenAPI document. */
export interface ApiTarget {
  kind: "api";
  /** "PATCH /api/v1/api-keys/{id}" */
  key: string;
  method: string;
  template: string;
  pathParams: Param[];
  query: Param[];
  headers: Param[];
  body: { mediaType: string; schema: Schema } | null;
  /** What the operation's `security` asks for: nothing, an API credential, or OAuth client authentication. */
  auth: "none" | "credential" | "client";
  policy: string | null;
}

/** One console page (or console route such as the CSV export), as a template of the paths the crawl found. */
export interface PageTarget {
  kind: "page";
  /** "GET /admin/api-keys/{id}/logs" */
  key: string;
  method: "GET";
  template: string;
  /** A concrete path of this template, e.g. with a real key id. */
  example: string;
  /** Search parameter names seen in the page's links and GET forms. */
  params: string[];
  /** Values those links carried, as examples of what the page expects. */
  values: string[];
}

export type Target = ApiTarget | PageTarget;

interface Operation {
  parameters?: ((Param & { in: string }) | { $ref: string })[];
  requestBody?: { content?: Record<string, { schema?: Schema }> } | { $ref: string };
  security?: Record<string, string[]>[];
  "x-keyward-policy"?: string;
}

interface OpenApiDocument {
  security?: Record<string, string[]>[];
  paths: Record<string, Record<string, Operation>>;
}

const METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/** Follows a local `$ref` (`#/components/…`) to what it points at. */
export function resolveRef<T>(document: unknown, value: T | { $ref: string }): T {
  let current: unknown = value;
  for (let hops = 0; hops < 20 && current && typeof current === "object" && "$ref" in current; hops++) {
    const pointer = String((current as { $ref: string }).$ref);
    current = pointer
      .replace(/^#\//, "")
      .split("/")
      .map((part) => part.replaceAll("~1", "/").replaceAll("~0", "~"))
      .reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], document);
  }
  return current as T;
}

/** Every operation of the OpenAPI document, in the document's order. */
export function apiTargets(document: unknown): ApiTarget[] {
  const doc = document as OpenApiDocument;
  const targets: ApiTarget[] = [];
  for (const [template, item] of Object.entries(doc.paths)) {
    for (const method of METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const parameters = (operation.parameters ?? []).map((p) => resolveRef<Param & { in: string }>(document, p));
      const byPlace = (place: string) =>
        parameters.filter((p) => p.in === place).map((p) => ({ name: p.name, schema: p.schema ?? {} }));
      const requestBody = operation.requestBody
        ? resolveRef<{ content?: Record<string, { schema?: Schema }> }>(document, operation.requestBody)
        : null;
      const [mediaType, media] = Object.entries(requestBody?.content ?? {})[0] ?? [];
      const security = operation.security ?? doc.security ?? [];
      targets.push({
        kind: "api",
        key: `${method.toUpperCase()} ${template}`,
        method: method.toUpperCase(),
        template,
        pathParams: byPlace("path"),
        query: byPlace("query"),
        headers: byPlace("header"),
        body: mediaType ? { mediaType, schema: media?.schema ?? {} } : null,
        auth:
          security.length === 0
            ? "none"
            : security.some((requirement) => "OAuthClientBasic" in requirement)
              ? "client"
              : "credential",
        policy: operation["x-keyward-policy"] ?? null,
      });
    }
  }
  return targets;
}

/** Segments that name one record: key ids, UUIDs, numbers, other long random-looking tokens. */
const ID_SEGMENT =
  /^(?:kw[a-z]{1,2}_[A-Za-z0-9]+|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+|[A-Za-z0-9_-]{20,})$/i;
const SKIPPED = /^\/(?:_next|api)\/|\.(?:css|js|map|svg|png|ico|txt|woff2?)$/;

function decodeEntities(text: string): string {
  return text
    .replace(/&amp;/g, "&")
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">");
}

/**
 * Walks the signed-in console from `seeds` along its own links and turns what it finds into page templates, with
 * the search parameters each page's links and GET forms use. Only the first page of each template is fetched.
 */
export async function crawlConsole(request: APIRequestContext, seeds: string[], maxPages = 60): Promise<PageTarget[]> {
  const pages = new Map<string, { example: string; params: Set<string>; values: Set<string> }>();
  const queue = [...seeds];
  const fetched = new Set<string>();
  const templateOf = (pathname: string) =>
    pathname
      .split("/")
      .map((segment) => (ID_SEGMENT.test(segment) ? "{id}" : segment))
      .join("/");
  const note = (href: string, from: string) => {
    const url = new URL(decodeEntities(href), `http://console${from}`);
    if (url.host !== "console" || SKIPPED.test(url.pathname)) return;
    const template = templateOf(url.pathname);
    const page = pages.get(template) ?? { example: url.pathname, params: new Set<string>(), values: new Set<string>() };
    pages.set(template, page);
    for (const [name, value] of url.searchParams) {
      page.params.add(name);
      page.values.add(value);
    }
    if (!fetched.has(template)) queue.push(url.pathname);
  };
  for (const seed of seeds) note(seed, "/");

  while (queue.length > 0 && fetched.size < maxPages) {
    const path = queue.shift()!;
    const template = templateOf(path);
    if (fetched.has(template)) continue;
    fetched.add(template);
    const response = await request.get(path, { maxRedirects: 0 });
    const location = response.headers()["location"];
    if (location) note(location, path);
    const html = await response.text();
    for (const [, href] of html.matchAll(/href="([^"]+)"/g)) note(href!, path);
    // GET forms: their action (or this page) takes the names of their fields as search parameters.
    for (const [, attributes, inner] of html.matchAll(/<form([^>]*)>([\s\S]*?)<\/form>/g)) {
      if (!/method="get"/i.test(attributes!)) continue;
      const action = /action="([^"]*)"/.exec(attributes!)?.[1] || path;
      note(action, path);
      const page = pages.get(templateOf(new URL(decodeEntities(action), `http://console${path}`).pathname));
      for (const [, name] of inner!.matchAll(/\bname="([^"]+)"/g)) page?.params.add(decodeEntities(name!));
      for (const [, value] of inner!.matchAll(/\bvalue="([^"]+)"/g)) page?.values.add(decodeEntities(value!));
    }
  }
  return [...pages.entries()]
    .filter(([template]) => fetched.has(template))
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([template, page]) => ({
      kind: "page",
      key: `GET ${template}`,
      method: "GET",
      template,
      example: page.example,
      params: [...page.params].sort(),
      values: [...page.values].sort().slice(0, 20),
    }));
}

/** The ref naming the record id at segment `index` of a page template, e.g. `page:/admin/api-keys/{id}:2`. */
export const pageRef = (target: PageTarget, index: number) => `page:${target.template}:${index}`;

/** The refs of every page template: the ids of the concrete page the crawl found. */
export function pageRefs(pages: PageTarget[]): Record<string, string> {
  const refs: Record<string, string> = {};
  for (const page of pages) {
    const example = page.example.split("/").slice(1);
    page.template
      .split("/")
      .slice(1)
      .forEach((segment, i) => {
        if (segment === "{id}") refs[pageRef(page, i)] = decodeURIComponent(example[i] ?? "");
      });
  }
  return refs;
}
