import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { clientAddress, isTrustedProxy, NO_TRUSTED_PROXIES, normalizeAddress, parseTrustedProxies } from "./client-address";
import { stampPeer } from "./peer-address";

const ranges = parseTrustedProxies("10.0.0.0/8, 2001:db8::/32, 192.0.2.7");

describe("the client address", () => {
  it.each([
    // [what the chain says (last hop: the peer the server appended), trusted proxies, the client]
    ["203.0.113.9", NO_TRUSTED_PROXIES, "203.0.113.9"],
    ["6.6.6.6, 203.0.113.9", NO_TRUSTED_PROXIES, "203.0.113.9"],
    ["6.6.6.6, 7.7.7.7, ::ffff:127.0.0.1", NO_TRUSTED_PROXIES, "127.0.0.1"],
    ["6.6.6.6, 198.51.100.4, 10.1.2.3", ranges, "198.51.100.4"],
    ["6.6.6.6, 198.51.100.4, 192.0.2.7, 10.1.2.3", ranges, "198.51.100.4"],
    ["198.51.100.4, 2001:db8::1", ranges, "198.51.100.4"],
    ["10.0.0.1, 10.1.2.3", ranges, "10.0.0.1"],
    ["6.6.6.6, 198.51.100.4", ranges, "198.51.100.4"],
    ["not-an-address, 10.1.2.3", ranges, "10.1.2.3"],
    ["6.6.6.6, 198.51.100.4, 10.1.2.3", parseTrustedProxies("1"), "198.51.100.4"],
    ["6.6.6.6, 198.51.100.4, 10.1.2.3", parseTrustedProxies("2"), "6.6.6.6"],
    ["10.1.2.3", parseTrustedProxies("2"), "10.1.2.3"],
  ] as const)("of the chain %s is what no client wrote (%#)", (chain, trusted, client) => {
    expect(clientAddress(chain, trusted)).toBe(client);
  });

  it("judges every hop by its own range, however many hops it has judged before and in whichever lists", () => {
    // Verdicts are remembered per list and forgotten at a bound: three passes over more distinct hops than the bound.
    const other = parseTrustedProxies("11.0.0.0/8");
    for (let pass = 0; pass < 3; pass++) {
      for (let n = 0; n < 1_500; n++) {
        const inside = `10.0.${n >> 8}.${n & 255}`;
        const outside = `11.0.${n >> 8}.${n & 255}`;
        expect([isTrustedProxy(inside, ranges), isTrustedProxy(outside, ranges)]).toEqual([true, false]);
        expect([isTrustedProxy(inside, other), isTrustedProxy(outside, other)]).toEqual([false, true]);
      }
    }
  });

  it("is unknown without a chain", () => {
    expect(clientAddress(null, NO_TRUSTED_PROXIES)).toBeNull();
  });

  it.each([
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["203.0.113.9:51234", "203.0.113.9"],
    ["::FFFF:127.0.0.1", "127.0.0.1"],
    ["2001:DB8::A", "2001:db8::a"],
    ["nonsense", null],
    ["", null],
  ])("reads the hop %s as %s", (raw, address) => {
    expect(normalizeAddress(raw)).toBe(address);
  });

  it.each(["10.0.0.0/33", "10.0.0.0/8/1", "proxy.internal", "::1/129", "21", "10.0.0.0/x"])(
    "refuses the setting %s with a sentence",
    (value) => {
      expect(() => parseTrustedProxies(value)).toThrow(/hop|CIDR/);
    },
  );
});

describe("the peer recorded by the server", () => {
  it("ends every chain, so a client's own X-Forwarded-For is never the answer", () => {
    const headers: IncomingHttpHeaders = { "x-forwarded-for": "6.6.6.6", "x-forwarded-proto": "https" };
    stampPeer({ headers }, { remoteAddress: "::ffff:203.0.113.9", encrypted: false }, NO_TRUSTED_PROXIES);
    expect(headers["x-forwarded-for"]).toBe("6.6.6.6, 203.0.113.9");
    expect(clientAddress(headers["x-forwarded-for"] as string, NO_TRUSTED_PROXIES)).toBe("203.0.113.9");
    // A client on plain http cannot claim https; a trusted proxy can.
    expect(headers["x-forwarded-proto"]).toBe("http");
    const proxied: IncomingHttpHeaders = { "x-forwarded-for": "6.6.6.6, 198.51.100.4", "x-forwarded-proto": "https" };
    stampPeer({ headers: proxied }, { remoteAddress: "10.1.2.3" }, ranges);
    expect(proxied["x-forwarded-proto"]).toBe("https");
    expect(clientAddress(proxied["x-forwarded-for"] as string, ranges)).toBe("198.51.100.4");
  });

  it("keeps only a scheme and a host in the forwarded protocol and host, even from a trusted proxy", () => {
    for (const [proto, host] of [["", "://"], ["javascript", "a b"], ["https, http", "keyward.example.com:443"], ["https", "4294967296"], ["https", "256.1.1.1"], ["https", "a.example:99999"], ["https", "[::1"]]) {
      const headers: IncomingHttpHeaders = { "x-forwarded-proto": proto, "x-forwarded-host": host };
      stampPeer({ headers }, { remoteAddress: "10.1.2.3", encrypted: false }, ranges);
      expect(["http", "https"]).toContain(headers["x-forwarded-proto"]);
      if (headers["x-forwarded-host"] !== undefined) expect(URL.canParse(`http://${headers["x-forwarded-host"]}`)).toBe(true);
    }
  });

  it("is what a real Node server hands its handler, whatever the client sends", async () => {
    const { recordPeerAddresses } = await import("./peer-address");
    recordPeerAddresses(NO_TRUSTED_PROXIES);
    const seen: (string | null)[] = [];
    const server = createServer((request, response) => {
      seen.push(clientAddress(request.headers["x-forwarded-for"] as string, NO_TRUSTED_PROXIES));
      response.end();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    try {
      for (const forged of [undefined, "6.6.6.6", "6.6.6.6, 7.7.7.7"]) {
        await fetch(`http://127.0.0.1:${port}/`, { headers: forged ? { "X-Forwarded-For": forged } : {} });
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(seen).toEqual(["127.0.0.1", "127.0.0.1", "127.0.0.1"]);
  });
});
