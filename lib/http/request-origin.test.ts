import type { IncomingHttpHeaders } from "node:http";
import { describe, expect, it } from "vitest";
import { NO_TRUSTED_PROXIES, parseTrustedProxies } from "./client-address";
import { stampPeer } from "./peer-address";
import { requestOrigin } from "./request-origin";

const proxies = parseTrustedProxies("10.0.0.0/8");

/** The origin a page reads after the server vetted the request's headers as they came from `peer`. */
function originSeen(headers: IncomingHttpHeaders, peer: string, trusted = proxies, encrypted = false) {
  const request = { headers: { ...headers } };
  stampPeer(request, { remoteAddress: peer, encrypted }, trusted);
  return requestOrigin(new Headers(request.headers as Record<string, string>));
}

describe("the origin the console was reached by", () => {
  it("is the forwarded host and scheme when a trusted proxy says so", () => {
    expect(originSeen({ host: "10.0.0.5:3000", "x-forwarded-host": "console.example.com", "x-forwarded-proto": "https" }, "10.1.2.3")).toBe(
      "https://console.example.com",
    );
  });

  it("ignores a forwarded host and scheme the client wrote itself", () => {
    const headers = { host: "keyward.test:8080", "x-forwarded-host": "evil.example", "x-forwarded-proto": "https" };
    expect(originSeen(headers, "203.0.113.9")).toBe("http://keyward.test:8080");
    expect(originSeen(headers, "203.0.113.9", NO_TRUSTED_PROXIES, true)).toBe("https://keyward.test:8080");
  });

  it("never echoes a Host header that is not a host", () => {
    expect(originSeen({ host: "x/<script>" }, "203.0.113.9")).toBe("http://localhost");
    expect(originSeen({ host: "[::1]:3000" }, "::1")).toBe("http://[::1]:3000");
  });
});
