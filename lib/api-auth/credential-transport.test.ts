import { describe, expect, it } from "vitest";
import { extractCredential, TRANSPORTS } from "./credential-transport";

const A = "kwak_first";
const B = "kwak_second";

type Options = { headers?: Record<string, string>; query?: string; body?: string; contentType?: string; method?: string };

/** The credential of a request, its body given as the route's body reader hands it over. */
function extract(options: Options = {}) {
  const headers = new Headers(options.headers);
  if (options.contentType) headers.set("content-type", options.contentType);
  const request = new Request(`http://localhost/api/v1/me${options.query ?? ""}`, {
    method: options.method ?? (options.body ? "POST" : "GET"),
    headers,
  });
  return extractCredential(request, { text: options.body ?? "", type: options.contentType ?? null });
}

describe("extractCredential", () => {
  const cases: [string, Options, (typeof TRANSPORTS)[number]][] = [
    ["Authorization: Bearer", { headers: { authorization: `Bearer ${A}` } }, "authorization_bearer"],
    ["X-API-Key header", { headers: { "x-api-key": A } }, "x_api_key_header"],
    ["X-ApiKey header (another common spelling)", { headers: { "X-ApiKey": A } }, "x_api_key_header"],
    ["apiKey query parameter", { query: `?apiKey=${A}` }, "query_apiKey"],
    ["key query parameter", { query: `?key=${A}` }, "query_key"],
    ["form field key", { body: `key=${A}`, contentType: "application/x-www-form-urlencoded" }, "form_key"],
    ["JSON property API_Key", { body: JSON.stringify({ API_Key: A }), contentType: "application/json" }, "json_API_Key"],
  ];
  it.each(cases)("finds a credential sent as %s", async (_name, options, transport) => {
    expect(extract(options)).toEqual({ ok: true, value: A, transport });
  });

  it("prefers transports in the documented order when they carry the same value", async () => {
    const result = extract({ headers: { authorization: `Bearer ${A}`, "x-api-key": A }, query: `?apiKey=${A}&key=${A}` });
    expect(result).toEqual({ ok: true, value: A, transport: "authorization_bearer" });
    const header = extract({ headers: { "x-api-key": A }, query: `?key=${A}` });
    expect(header).toEqual({ ok: true, value: A, transport: "x_api_key_header" });
  });

  it("refuses two different credentials in one request", async () => {
    const mixed: Options[] = [
      { headers: { authorization: `Bearer ${A}`, "x-api-key": B } },
      { headers: { "x-api-key": A }, query: `?apiKey=${B}` },
      { query: `?key=${A}`, body: JSON.stringify({ API_Key: B }), contentType: "application/json" },
      { query: `?apiKey=${A}&apiKey=${B}` },
      { headers: { "x-api-key": A, "x-apikey": B } },
      { body: `key=${A}&key=${B}`, contentType: "application/x-www-form-urlencoded" },
    ];
    for (const options of mixed) {
      expect(extract(options)).toEqual({ ok: false, reason: "ambiguous" });
    }
  });

  it("ignores body credentials of other content types and of GET requests", async () => {
    expect(extract({ body: `key=${A}`, contentType: "text/plain" })).toEqual({
      ok: false,
      reason: "missing",
    });
    expect(extract({ body: JSON.stringify([{ API_Key: A }]), contentType: "application/json" })).toEqual({
      ok: false,
      reason: "missing",
    });
  });

  it("reads no body credential from a GET request", () => {
    expect(extract({ method: "GET", body: `key=${A}`, contentType: "application/x-www-form-urlencoded" })).toEqual({
      ok: false,
      reason: "missing",
    });
  });
});
