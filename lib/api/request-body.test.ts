import { describe, expect, it } from "vitest";
import { z } from "zod";
import { parseBody, readBody } from "./request-body";

const MiB = 1024 * 1024;

/** A request whose body arrives in chunks, with no Content-Length, as a chunked upload does. */
function chunked(chunks: Uint8Array[], type = "application/json") {
  let pulled = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      if (pulled < chunks.length) controller.enqueue(chunks[pulled++]!);
      else controller.close();
    },
  });
  return {
    request: new Request("http://localhost/api/v1/webhooks", {
      method: "POST",
      headers: { "content-type": type },
      body,
      duplex: "half",
    } as RequestInit),
    pulled: () => pulled,
  };
}

describe("readBody", () => {
  it("refuses a compressed body with 415 and says that only uncompressed bodies are accepted", async () => {
    for (const encoding of ["gzip", "br", "Deflate", "gzip, identity"]) {
      const outcome = await readBody(new Request("http://x/", { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json", "content-encoding": encoding } }));
      expect(outcome.ok, encoding).toBe(false);
      if (outcome.ok) return;
      expect(outcome.response.status, encoding).toBe(415);
      expect(outcome.response.headers.get("accept-encoding")).toBe("identity");
      expect(await outcome.response.json()).toMatchObject({ type: "https://keyward.dev/problems/unsupported-media-type", detail: expect.stringContaining("uncompressed") });
    }
    const identity = await readBody(new Request("http://x/", { method: "POST", body: '{"a":1}', headers: { "content-encoding": "identity" } }));
    expect(identity).toEqual({ ok: true, body: { text: '{"a":1}', type: "text/plain" } });
  });

  it("reads a body under the limit once, with its media type", async () => {
    const outcome = await readBody(new Request("http://x/", { method: "POST", body: '{"a":1}', headers: { "content-type": "application/json; charset=utf-8" } }));
    expect(outcome).toEqual({ ok: true, body: { text: '{"a":1}', type: "application/json" } });
  });

  it("refuses a chunked body over 1 MiB with 413 without reading the rest", async () => {
    const chunk = new Uint8Array(256 * 1024).fill(0x20);
    const { request, pulled } = chunked(Array.from({ length: 32 }, () => chunk));
    const outcome = await readBody(request);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.response.status).toBe(413);
    expect(pulled()).toBeLessThanOrEqual(6);
  });

  it("refuses a declared Content-Length over the limit before reading", async () => {
    const request = new Request("http://x/", { method: "POST", body: "{}", headers: { "content-length": String(2 * MiB) } });
    const outcome = await readBody(request);
    expect(outcome.ok || outcome.response.status).toBe(413);
  });

  it("accepts exactly 1 MiB", async () => {
    const outcome = await readBody(chunked([new Uint8Array(MiB).fill(0x20)]).request);
    expect(outcome.ok).toBe(true);
  });

  it("refuses bytes that are not UTF-8 with 400", async () => {
    const outcome = await readBody(chunked([new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]).request);
    expect(outcome.ok || outcome.response.status).toBe(400);
  });
});

describe("parseBody", () => {
  const schema = z.object({ name: z.string(), tags: z.array(z.string()).default([]), on: z.boolean().optional() });

  it("reads JSON and form fields into the same shape", () => {
    const json = parseBody({ text: '{"name":"a","tags":["x","y"],"on":true}', type: "application/json" }, schema);
    const form = parseBody({ text: "name=a&tags=x&tags%5B%5D=y&on=true&key=kwak_x", type: "application/x-www-form-urlencoded" }, schema);
    expect(json).toEqual({ ok: true, data: { name: "a", tags: ["x", "y"], on: true } });
    expect(form).toEqual(json);
  });

  it.each(["constructor", "__proto__", "toString=x", "hasOwnProperty&name=a", "name=a&__proto__%5B%5D=x"])(
    "reads the form field names of Object's prototype (%s) as plain data",
    (text) => {
      const outcome = parseBody({ text, type: "application/x-www-form-urlencoded" }, schema);
      expect(outcome.ok || outcome.response.status).toBe(text.includes("name=a") ? true : 422);
      expect(({} as Record<string, unknown>).x).toBeUndefined();
    },
  );

  it.each([
    ["broken JSON", { text: "{not json", type: "application/json" }, 400],
    ["a JSON array", { text: "[1,2]", type: "application/json" }, 400],
    ["JSON null", { text: "null", type: "application/json" }, 400],
    ["another media type", { text: "<a/>", type: "application/xml" }, 415],
    ["a wrong type", { text: '{"name":5}', type: "application/json" }, 422],
  ] as const)("answers %s with %i", (_title, body, status) => {
    const outcome = parseBody(body, schema);
    expect(outcome.ok || outcome.response.status).toBe(status);
  });
});
