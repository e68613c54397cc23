import { describe, expect, it } from "vitest";
import { generateSecret } from "@/lib/secrets";
import { MAX_LOGGED_BODY, REDACTED, redactBody, redactPath } from "./redact";

describe("redactPath", () => {
  it("redacts credential parameters and keeps the others", () => {
    expect(redactPath("http://h/api/v1/me?apiKey=abc&page=2&key=xyz")).toBe(
      `/api/v1/me?apiKey=${REDACTED}&page=2&key=${REDACTED}`,
    );
    expect(redactPath("http://h/api/v1/users?APIKEY=abc&access_token=t")).toBe(
      `/api/v1/users?APIKEY=${REDACTED}&access_token=${REDACTED}`,
    );
  });

  it("redacts a Keyward secret under any parameter name", () => {
    const secret = generateSecret("access_code");
    expect(redactPath(`http://h/api/v1/me?q=${secret}`)).toBe(`/api/v1/me?q=${REDACTED}`);
  });

  it("keeps a path without a query string as it is", () => {
    expect(redactPath("http://h/api/v1/me")).toBe("/api/v1/me");
  });
});

describe("redactBody", () => {
  it("redacts JSON credential fields at any depth and secrets in any value", () => {
    const secret = generateSecret("personal_key");
    const body = JSON.stringify({ API_Key: "custom-value", nested: { client_secret: "s", note: `uses ${secret}` }, name: "ok" });
    expect(JSON.parse(redactBody(body, "application/json"))).toEqual({
      API_Key: REDACTED,
      nested: { client_secret: REDACTED, note: `uses ${REDACTED}` },
      name: "ok",
    });
  });

  it("redacts form fields named like credentials", () => {
    expect(redactBody("key=abc&name=x", "application/x-www-form-urlencoded")).toBe(`key=${REDACTED}&name=x`);
  });

  it("cuts bodies to 16 KiB", () => {
    const out = redactBody("a".repeat(40_000), "text/plain");
    expect(out.length).toBeLessThan(MAX_LOGGED_BODY + 20);
    expect(out.endsWith("[truncated]")).toBe(true);
  });
});
