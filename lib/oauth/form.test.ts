import { describe, expect, it } from "vitest";
import { oauthError } from "./errors";
import { readOAuthForm } from "./form";

const post = (body: string, type = "application/x-www-form-urlencoded") =>
  new Request("http://localhost/api/oauth/token", { method: "POST", body, headers: { "content-type": type } });

describe("reading an OAuth form", () => {
  it("reads a form, with a charset parameter on its media type", async () => {
    const result = await readOAuthForm(post("grant_type=client_credentials&scope=a+b", "application/x-www-form-urlencoded; charset=UTF-8"));
    expect(result.ok && Object.fromEntries(result.form)).toEqual({ grant_type: "client_credentials", scope: "a b" });
  });

  it.each([
    ["JSON", post('{"grant_type":"client_credentials"}', "application/json"), /application\/x-www-form-urlencoded/],
    ["a repeated parameter", post("grant_type=client_credentials&grant_type=password"), /grant_type is sent more than once/],
    ["a huge body", post(`grant_type=${"a".repeat(9000)}`), /too large/],
    ["a compressed body", new Request("http://localhost/api/oauth/token", { method: "POST", body: "grant_type=client_credentials", headers: { "content-type": "application/x-www-form-urlencoded", "content-encoding": "gzip" } }), /uncompressed/],
    ["a body that is not UTF-8", new Request("http://localhost/api/oauth/token", { method: "POST", body: new Uint8Array([0x61, 0x3d, 0xff]), headers: { "content-type": "application/x-www-form-urlencoded" } }), /not valid UTF-8/],
  ])("refuses %s", async (_title, request, message) => {
    const result = await readOAuthForm(request);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.description).toMatch(message);
  });
});

describe("OAuth error responses", () => {
  it("answer invalid_client with 401, a Basic challenge, and both RFC 6749 and RFC 9457 members", async () => {
    const response = oauthError("invalid_client", "Wrong secret.");
    expect(response.status).toBe(401);
    expect(response.headers.get("www-authenticate")).toMatch(/^Basic realm="keyward"/);
    // RFC 6749 §5.2 says application/json, and standard OAuth clients refuse anything else.
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(response.headers.get("cache-control")).toBe("no-store");
    expect(await response.json()).toMatchObject({
      error: "invalid_client",
      error_description: "Wrong secret.",
      status: 401,
      detail: "Wrong secret.",
      type: expect.stringContaining("/problems/unauthorized"),
    });
  });

  it.each(["invalid_request", "unsupported_grant_type"] as const)("answer %s with 400", async (code) => {
    const response = oauthError(code, "No.");
    expect(response.status).toBe(400);
    expect(response.headers.get("www-authenticate")).toBeNull();
    expect(await response.json()).toMatchObject({ error: code, status: 400 });
  });
});
