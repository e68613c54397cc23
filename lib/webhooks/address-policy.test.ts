import { describe, expect, it } from "vitest";
import { checkWebhookAddress, isLoopback, nonPublicReason, type Resolver } from "./address-policy";

const resolver =
  (table: Record<string, string[]>): Resolver =>
  async (host) => {
    const found = table[host];
    if (!found) throw new Error("ENOTFOUND");
    return found.map((address) => ({ address, family: address.includes(":") ? 6 : 4 }));
  };

const dns = resolver({
  "hooks.example.com": ["93.184.216.34"],
  localhost: ["127.0.0.1", "::1"],
  "rebind.example.com": ["93.184.216.34", "10.1.2.3"],
  "v6.example.com": ["2606:4700::1111"],
  "metadata.example.com": ["fd00:ec2::254"],
});

describe("the webhook address policy with KEYWARD_WEBHOOK_ALLOW_PRIVATE unset", () => {
  const check = (url: string) => checkWebhookAddress(url, { allowLoopback: false, resolve: dns });

  it("accepts https to a public host", async () => {
    const result = await check("https://hooks.example.com/in");
    expect(result.ok).toBe(true);
    expect(result.ok && result.addresses).toEqual([{ address: "93.184.216.34", family: 4 }]);
    expect((await check("https://v6.example.com/")).ok).toBe(true);
    // Transition forms of a public IPv4 address stay public.
    expect((await check("https://[2002:5db8:d822::1]/")).ok).toBe(true);
    expect((await check("https://[64:ff9b::5db8:d822]/")).ok).toBe(true);
  });

  it.each([
    ["http://10.0.0.1", "must use https"],
    ["http://169.254.169.254", "must use https"],
    ["https://localhost", "loopback"],
    ["https://10.0.0.1/hook", "private"],
    ["https://169.254.169.254/latest/meta-data", "link-local"],
    ["https://127.0.0.1", "loopback"],
    ["https://[::1]/", "loopback"],
    ["https://[::ffff:10.0.0.1]/", "private"],
    ["https://[::ffff:7f00:1]/", "loopback"],
    ["https://[64:ff9b::a9fe:a9fe]/", "link-local"],
    // IPv6 transition forms that carry an IPv4 address, judged by it.
    ["https://[::a9fe:a9fe]/", "link-local"],
    ["https://[::169.254.169.254]/", "link-local"],
    ["https://[::ffff:0:a9fe:a9fe]/", "link-local"],
    ["https://[2002:a9fe:a9fe::1]/", "link-local"],
    ["https://[2002:0a00:0001::1]/", "private"],
    ["https://[2001:0:a9fe:a9fe::1]/", "link-local"],
    ["https://[2001:0:404:404::5601:5601]/", "link-local"],
    ["https://[64:ff9b:1::a9fe:a9fe]/", "local-use NAT64"],
    ["https://[64:ff9b:1::5db8:d822]/", "local-use NAT64"],
    ["https://[fe80::1]/", "link-local"],
    ["https://[fd12::1]/", "private"],
    ["https://metadata.example.com/", "private"],
    ["https://224.0.0.1/", "multicast"],
    ["https://[ff02::1]/", "multicast"],
    ["https://0.0.0.0/", "unspecified"],
    ["https://192.168.1.10/", "private"],
    ["https://172.20.0.1/", "private"],
    ["https://100.100.100.200/", "carrier-grade"],
    ["https://rebind.example.com/", "private"],
    ["https://nowhere.invalid/", "could not be resolved"],
    ["ftp://hooks.example.com/", "must use https"],
    ["not a url", "full URL"],
    ["https://user:pw@hooks.example.com/", "user name or password"],
  ])("refuses %s", async (url, message) => {
    const result = await check(url);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.message).toContain(message);
  });
});

describe("the webhook address policy with KEYWARD_WEBHOOK_ALLOW_PRIVATE=1", () => {
  const check = (url: string) => checkWebhookAddress(url, { allowLoopback: true, resolve: dns });

  it("lets http and https reach loopback", async () => {
    expect((await check("http://127.0.0.1:4000/hook")).ok).toBe(true);
    expect((await check("http://localhost:4000/hook")).ok).toBe(true);
    expect((await check("https://[::1]:4000/hook")).ok).toBe(true);
  });

  it("still refuses private networks, metadata and http to public hosts", async () => {
    expect((await check("http://10.0.0.1")).ok).toBe(false);
    expect((await check("https://10.0.0.1")).ok).toBe(false);
    expect((await check("https://169.254.169.254")).ok).toBe(false);
    expect((await check("http://hooks.example.com")).ok).toBe(false);
  });
});

describe("address classification", () => {
  it("knows public from non-public addresses", () => {
    expect(nonPublicReason("8.8.8.8")).toBeNull();
    expect(nonPublicReason("2001:4860:4860::8888")).toBeNull();
    expect(nonPublicReason("::")).toBe("an unspecified");
    expect(isLoopback("127.8.9.10")).toBe(true);
    expect(isLoopback("::ffff:127.0.0.1")).toBe(true);
    expect(isLoopback("10.0.0.1")).toBe(false);
  });
});
