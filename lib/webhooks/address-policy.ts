import { lookup as dnsLookup } from "node:dns/promises";
import { BlockList, isIP } from "node:net";

/**
 * Where a webhook may point (SSRF defence). Receivers must be public: https only, and every address the host
 * resolves to must be public unicast. `allowLoopback` (KEYWARD_WEBHOOK_ALLOW_PRIVATE=1, development and tests)
 * lets http and https reach loopback, and nothing else: private networks and cloud metadata stay refused.
 * Checked at creation and again before every delivery, since DNS answers change.
 */

export type AddressCheck =
  | { ok: true; url: URL; addresses: { address: string; family: 4 | 6 }[] }
  | { ok: false; message: string };

export type Resolver = (host: string) => Promise<{ address: string; family: number }[]>;

const defaultResolver: Resolver = (host) => dnsLookup(host, { all: true, verbatim: true });

const loopback = new BlockList();
loopback.addSubnet("127.0.0.0", 8, "ipv4");
loopback.addAddress("::1", "ipv6");

/** Everything that is not public unicast, with the word the refusal message uses. */
const RANGES: [string, number, "ipv4" | "ipv6", string][] = [
  ["0.0.0.0", 8, "ipv4", "an unspecified"],
  ["10.0.0.0", 8, "ipv4", "a private"],
  ["100.64.0.0", 10, "ipv4", "a private (carrier-grade NAT)"],
  ["127.0.0.0", 8, "ipv4", "a loopback"],
  ["169.254.0.0", 16, "ipv4", "a link-local (cloud metadata)"],
  ["172.16.0.0", 12, "ipv4", "a private"],
  ["192.0.0.0", 24, "ipv4", "a reserved"],
  ["192.0.2.0", 24, "ipv4", "a documentation"],
  ["192.88.99.0", 24, "ipv4", "a reserved"],
  ["192.168.0.0", 16, "ipv4", "a private"],
  ["198.18.0.0", 15, "ipv4", "a benchmarking"],
  ["198.51.100.0", 24, "ipv4", "a documentation"],
  ["203.0.113.0", 24, "ipv4", "a documentation"],
  ["224.0.0.0", 4, "ipv4", "a multicast"],
  ["240.0.0.0", 4, "ipv4", "a reserved"],
  ["::", 128, "ipv6", "an unspecified"],
  ["::1", 128, "ipv6", "a loopback"],
  ["100::", 64, "ipv6", "a discard"],
  ["2001:db8::", 32, "ipv6", "a documentation"],
  ["fc00::", 7, "ipv6", "a private (unique local)"],
  ["fe80::", 10, "ipv6", "a link-local"],
  ["fec0::", 10, "ipv6", "a site-local"],
  ["ff00::", 8, "ipv6", "a multicast"],
];

/** Why `address` is not public, or null when it is. IPv4-mapped and NAT64 IPv6 addresses are judged by their IPv4. */
export function nonPublicReason(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return "an invalid";
  if (family === 6) {
    const embedded = embeddedIpv4(address);
    if (embedded) return nonPublicReason(embedded);
  }
  const type = family === 4 ? "ipv4" : "ipv6";
  for (const [network, prefix, rangeType, reason] of RANGES) {
    if (rangeType !== type) continue;
    const list = new BlockList();
    list.addSubnet(network, prefix, rangeType);
    if (list.check(address, type)) return reason;
  }
  return null;
}

export function isLoopback(address: string): boolean {
  const family = isIP(address);
  if (family === 6) {
    const embedded = embeddedIpv4(address);
    if (embedded) return isLoopback(embedded);
  }
  return family !== 0 && loopback.check(address, family === 4 ? "ipv4" : "ipv6");
}

/** The IPv4 address inside `::ffff:a.b.c.d` (mapped) or `64:ff9b::a.b.c.d` (NAT64), in either spelling. */
function embeddedIpv4(address: string): string | null {
  const words = expandIpv6(address);
  if (!words) return null;
  const mapped = words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff;
  const nat64 = words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0);
  if (!mapped && !nat64) return null;
  return [words[6]! >> 8, words[6]! & 0xff, words[7]! >> 8, words[7]! & 0xff].join(".");
}

function expandIpv6(address: string): number[] | null {
  let text = address.toLowerCase().split("%")[0]!;
  const v4 = text.match(/(\d+\.\d+\.\d+\.\d+)$/);
  if (v4) {
    const parts = v4[1]!.split(".").map(Number);
    text = text.slice(0, -v4[1]!.length) + `${((parts[0]! << 8) | parts[1]!).toString(16)}:${((parts[2]! << 8) | parts[3]!).toString(16)}`;
  }
  const [head, tail] = text.split("::") as [string, string | undefined];
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const missing = 8 - left.length - right.length;
  if (tail === undefined && left.length !== 8) return null;
  const words = [...left, ...Array(Math.max(0, missing)).fill("0"), ...right].map((w) => parseInt(w, 16));
  return words.length === 8 && words.every((w) => Number.isInteger(w) && w >= 0 && w <= 0xffff) ? words : null;
}

/**
 * Checks a webhook URL and resolves its host. The addresses returned are the ones to connect to: delivery pins the
 * connection to them, so a second DNS answer cannot swap in a private address after the check.
 */
export async function checkWebhookAddress(
  raw: string,
  { allowLoopback, resolve = defaultResolver }: { allowLoopback: boolean; resolve?: Resolver },
): Promise<AddressCheck> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { ok: false, message: "Enter a full URL, such as https://example.com/webhooks." };
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    return { ok: false, message: "The URL must use https." };
  }
  if (url.username || url.password) {
    return { ok: false, message: "The URL must not contain a user name or password." };
  }
  const host = url.hostname.replace(/^\[|\]$/g, "");
  let addresses: { address: string; family: 4 | 6 }[];
  if (isIP(host)) {
    addresses = [{ address: host, family: isIP(host) as 4 | 6 }];
  } else {
    try {
      const found = await resolve(host);
      addresses = found.map((a) => ({ address: a.address, family: (a.family === 6 ? 6 : 4) as 4 | 6 }));
    } catch {
      return { ok: false, message: `The host ${host} could not be resolved.` };
    }
    if (addresses.length === 0) return { ok: false, message: `The host ${host} could not be resolved.` };
  }

  const allLoopback = addresses.every((a) => isLoopback(a.address));
  if (url.protocol === "http:" && !(allowLoopback && allLoopback)) {
    return {
      ok: false,
      message: allowLoopback
        ? "The URL must use https (http is allowed only for loopback addresses here)."
        : "The URL must use https.",
    };
  }
  for (const { address } of addresses) {
    if (allowLoopback && isLoopback(address)) continue;
    const reason = nonPublicReason(address);
    if (reason) {
      return {
        ok: false,
        message: `The URL points to ${reason} address (${address}). Webhooks may only be sent to public addresses.`,
      };
    }
  }
  return { ok: true, url, addresses };
}
