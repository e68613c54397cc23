import { BlockList } from "node:net";
import { describe, expect, it } from "vitest";
import { addressAllowed, parseAddress, parseAllowlistEntry } from "./address-allowlist";

describe("an API key's IP allowlist", () => {
  it("admits any address, even an unknown one, when it is empty", () => {
    expect(addressAllowed("203.0.113.9", [])).toBe(true);
    expect(addressAllowed(null, [])).toBe(true);
  });

  it.each([
    // [client address, entries, allowed]
    ["203.0.113.9", ["203.0.113.9"], true],
    ["203.0.113.10", ["203.0.113.9"], false],
    ["198.51.100.200", ["198.51.100.0/24"], true],
    ["198.51.100.200", ["198.51.100.128/25"], true],
    ["198.51.100.1", ["198.51.100.128/25"], false],
    ["198.51.101.1", ["198.51.100.0/24"], false],
    ["8.8.8.8", ["0.0.0.0/0"], true],
    ["2001:db8::1", ["2001:db8::1"], true],
    ["2001:db8:0:0:0:0:0:1", ["2001:DB8::1"], true],
    ["2001:db8::2", ["2001:db8::1"], false],
    ["2001:db8:abcd::7", ["2001:db8::/32"], true],
    ["2001:db9::7", ["2001:db8::/32"], false],
    ["fe80::1", ["::/0"], true],
    // IPv4-mapped IPv6: the same client whichever way the socket reported it, and whichever way the entry says it.
    ["::ffff:203.0.113.9", ["203.0.113.9"], true],
    ["::ffff:cb00:7109", ["203.0.113.0/24"], true],
    ["203.0.113.9", ["::ffff:203.0.113.0/120"], true],
    ["203.0.114.9", ["::ffff:203.0.113.0/120"], false],
    // An IPv4 entry never matches an IPv6 client, nor the reverse, even where the numbers agree.
    ["::cb00:7109", ["203.0.113.9"], false],
    ["203.0.113.9", ["::cb00:7109"], false],
    ["203.0.113.9", ["192.0.2.1", "203.0.113.0/28"], true],
    [null, ["203.0.113.9"], false],
    ["not an address", ["0.0.0.0/0"], false],
  ] as const)("from %s with %j: %s", (address, entries, allowed) => {
    expect(addressAllowed(address, entries)).toBe(allowed);
  });

  it.each([
    ["10.0.0.300", "is not an IPv4 or IPv6 address"],
    ["10.0.0", "is not an IPv4 or IPv6 address"],
    ["010.0.0.1", "is not an IPv4 or IPv6 address"],
    ["example.com", "is not an IPv4 or IPv6 address"],
    ["10.0.0.0/33", "prefix longer than 32 bits"],
    ["2001:db8::/129", "prefix longer than 128 bits"],
    ["10.0.0.0/8/8", "is not an IPv4 or IPv6 address"],
    ["10.0.0.0/-1", "is not an IPv4 or IPv6 address"],
    ["10.0.0.1/8", "bits set after its prefix"],
    ["2001:db8::1/32", "bits set after its prefix"],
    ["1:2:3:4:5:6:7:8:9", "is not an IPv4 or IPv6 address"],
    ["1::2::3", "is not an IPv4 or IPv6 address"],
    ["fe80::1%eth0", "is not an IPv4 or IPv6 address"],
    ["::ffff:10.0.0.0/64", "IPv4-mapped range"],
    ["", "is not an IPv4 or IPv6 address"],
  ])("refuses %j: it %s", (line, problem) => {
    expect(parseAllowlistEntry(line).problem).toContain(problem);
  });

  it("reads addresses as node:net does", () => {
    const list = new BlockList();
    list.addSubnet("2001:db8:1234::", 48, "ipv6");
    list.addSubnet("192.0.2.0", 24, "ipv4");
    for (const address of ["2001:db8:1234:ffff::1", "2001:db8:1235::1", "192.0.2.255", "192.0.3.0", "::1", "1::"]) {
      const family = parseAddress(address)!.family;
      expect(addressAllowed(address, ["2001:db8:1234::/48", "192.0.2.0/24"]), address).toBe(
        list.check(address, family === 6 ? "ipv6" : "ipv4"),
      );
    }
  });
});
