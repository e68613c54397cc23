import { describe, expect, it } from "vitest";
import { extractCredential, TRANSPORTS } from "./credential-transport";

const A = "kwak_first";
const B = "kwak_second";

function request(
  options: { headers?: Record<string, string>; query?: string; body?: string; contentType?: string; method?: string } = {},
) {
  const headers = new Headers(options.headers);
  if (options.contentType) headers.set("content-type", options.contentType);
  return new Request(`http://localhost/api/v1/me${options.query ?? ""}`, {
    method: options.method ?? (options.body ? "POST" : "GET"),
    headers,
    body: options.body,
  });
}

describe("extractCredential", () => {
  const cases: [string, Parameters<typeof request>[0], (typeof TRANSPORTS)[number]][] = [
    ["Authorization: Bearer", { headers: { authorization: `Bearer ${A}` } }, "authorization_bearer"],
    ["X-API-Key header", { headers: { "x-api-key": A } }, "x_api_key_header"],
    ["apiKey query parameter", { query: `?apiKey=${A}` }, "query_apiKey"],
    ["key query parameter", { query: `?key=${A}` }, "query_key"],
    ["form field key", { body: `key=${A}`, contentType: "application/x-www-form-urlencoded" }, "form_key"],
    ["JSON property API_Key", { body: JSON.stringify({ API_Key: A }), contentType: "application/json" }, "json_API_Key"],
  ];
  it.each(cases)("finds a credential sent as %s", async (_name, options, transport) => {
    expect(await extractCredential(request(options))).toEqual({ ok: true, value: A, transport });
  });

  it("prefers transports in the documented order when they carry the same value", async () => {
    const result = await extractCredential(
      request({ headers: { authorization: `Bearer ${A}`, "x-api-key": A }, query: `?apiKey=${A}&key=${A}` }),
    );
    expect(result).toEqual({ ok: true, value: A, transport: "authorization_bearer" });
    const header = await extractCredential(request({ headers: { "x-api-key": A }, query: `?key=${A}` }));
    expect(header).toEqual({ ok: true, value: A, transport: "x_api_key_header" });
  });

  it("refuses two different credentials in one request", async () => {
    const mixed: Parameters<typeof request>[0][] = [
      { headers: { authorization: `Bearer ${A}`, "x-api-key": B } },
      { headers: { "x-api-key": A }, query: `?apiKey=${B}` },
      { query: `?key=${A}`, body: JSON.stringify({ API_Key: B }), contentType: "application/json" },
    ];
    for (const options of mixed) {
      expect(await extractCredential(request(options))).toEqual({ ok: false, reason: "ambiguous" });
    }
  });

  it("ignores body credentials of other content types and of GET requests", async () => {
    expect(await extractCredential(request({ body: `key=${A}`, contentType: "text/plain" }))).toEqual({
      ok: false,
      reason: "missing",
    });
    expect(await extractCredential(request({ body: JSON.stringify([{ API_Key: A }]), contentType: "application/json" }))).toEqual({
      ok: false,
      reason: "missing",
    });
  });

  it("leaves the body readable for the route handler", async () => {
    const req = request({ body: JSON.stringify({ API_Key: A, name: "x" }), contentType: "application/json" });
    await extractCredential(req);
    expect(await req.json()).toEqual({ API_Key: A, name: "x" });
  });
});
