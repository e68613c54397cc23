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

/**
 * Why `address` is not public, or null when it is. An IPv6 address that carries an IPv4 address a packet can end up
 * at (IPv4-mapped, -compatible and -translated, NAT64, 6to4, Teredo) is judged by that IPv4 address too, so
 * `[::a9fe:a9fe]` or `[2002:a9fe:a9fe::1]` cannot reach 169.254.169.254. Local-use NAT64 (64:ff9b:1::/48) is
 * refused outright: its prefix length, and so where the IPv4 address sits, is the local network's choice.
 */
export function nonPublicReason(address: string): string | null {
  const family = isIP(address);
  if (family === 0) return "an invalid";
  if (family === 6) {
    const words = expandIpv6(address);
    if (words && words[0] === 0x64 && words[1] === 0xff9b && words[2] === 1) return "a local-use NAT64";
    for (const embedded of embeddedIpv4s(address)) {
      const reason = nonPublicReason(embedded);
      if (reason) return reason;
    }
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

/** Loopback, and only loopback: `::1`, 127.0.0.0/8, or an IPv4-mapped loopback address. */
export function isLoopback(address: string): boolean {
  const family = isIP(address);
  if (family === 6) {
    const words = expandIpv6(address);
    if (words && words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) return isLoopback(ipv4At(words, 6));
  }
  return family !== 0 && loopback.check(address, family === 4 ? "ipv4" : "ipv6");
}

const ipv4At = (words: number[], at: number) =>
  [words[at]! >> 8, words[at]! & 0xff, words[at + 1]! >> 8, words[at + 1]! & 0xff].join(".");

/**
 * The IPv4 addresses an IPv6 address carries, in the transition forms that route to them:
 * - `::a.b.c.d` IPv4-compatible, `::ffff:a.b.c.d` mapped, `::ffff:0:a.b.c.d` translated (SIIT), and
 *   `64:ff9b::a.b.c.d` NAT64: the last 32 bits;
 * - `2002:AABB:CCDD::/48` 6to4: bits 16–47;
 * - `2001:0:SSSS:SSSS:…:CCCC:CCCC` Teredo: the server (bits 32–63) and the client (the last 32 bits, inverted).
 * `::` and `::1` are IPv6's own unspecified and loopback addresses, judged as such.
 */
function embeddedIpv4s(address: string): string[] {
  const words = expandIpv6(address);
  if (!words) return [];
  const zeros = (from: number, to: number) => words.slice(from, to).every((w) => w === 0);
  if (zeros(0, 6) && zeros(6, 7) && words[7]! <= 1) return [];
  if (zeros(0, 6)) return [ipv4At(words, 6)];
  if (zeros(0, 5) && words[5] === 0xffff) return [ipv4At(words, 6)];
  if (zeros(0, 4) && words[4] === 0xffff && words[5] === 0) return [ipv4At(words, 6)];
  if (words[0] === 0x64 && words[1] === 0xff9b && zeros(2, 6)) return [ipv4At(words, 6)];
  if (words[0] === 0x2002) return [ipv4At(words, 1)];
  if (words[0] === 0x2001 && words[1] === 0) {
    const client = [words[6]! ^ 0xffff, words[7]! ^ 0xffff];
    return [ipv4At(words, 2), ipv4At([...words.slice(0, 6), ...client], 6)];
  }
  return [];
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
