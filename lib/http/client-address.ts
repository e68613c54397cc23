import { BlockList, isIP } from "node:net";

/**
 * Who the proxies in front of Keyward are (`KEYWARD_TRUSTED_PROXIES`): none (the app is reached directly), a
 * number of hops, or the address ranges they connect from.
 */
export type TrustedProxies =
  | { kind: "none" }
  | { kind: "hops"; count: number }
  | { kind: "ranges"; ranges: BlockList; text: string };

export const NO_TRUSTED_PROXIES: TrustedProxies = { kind: "none" };

/**
 * Reads `KEYWARD_TRUSTED_PROXIES`: unset or empty for none, a whole number of hops (`1`: one load balancer), or a
 * comma-separated list of addresses and CIDR ranges (`10.0.0.0/8, 2001:db8::/32, 127.0.0.1`). Throws a sentence
 * naming the first entry it cannot read.
 */
export function parseTrustedProxies(value: string | undefined): TrustedProxies {
  const text = value?.trim() ?? "";
  if (text === "" || text === "0") return NO_TRUSTED_PROXIES;
  if (/^\d+$/.test(text)) {
    const count = Number(text);
    if (count > 20) throw new Error("must be at most 20 hops");
    return { kind: "hops", count };
  }
  const ranges = new BlockList();
  for (const entry of text.split(",").map((part) => part.trim()).filter(Boolean)) {
    const [address = "", prefix, extra] = entry.split("/");
    const family = isIP(address);
    const bits = prefix === undefined ? (family === 6 ? 128 : 32) : Number(prefix);
    const max = family === 6 ? 128 : 32;
    if (family === 0 || extra !== undefined || !/^\d*$/.test(prefix ?? "") || !Number.isInteger(bits) || bits < 0 || bits > max) {
      throw new Error(`"${entry}" is neither an IP address nor a CIDR range; use a hop count or entries such as 10.0.0.0/8`);
    }
    const type = family === 6 ? "ipv6" : "ipv4";
    ranges.addSubnet(address, bits, type);
  }
  return { kind: "ranges", ranges, text };
}

/**
 * One hop as a bare address: brackets, ports and the IPv4-mapped prefix (`::ffff:127.0.0.1`, how a dual-stack
 * server sees an IPv4 peer) removed, IPv6 lower-cased, so IPv4 ranges match IPv4 peers whatever socket they used.
 * Null when it is not an address.
 */
export function normalizeAddress(raw: string | undefined | null): string | null {
  let text = raw?.trim() ?? "";
  if (!text) return null;
  const bracketed = text.match(/^\[([^\]]+)\](?::\d+)?$/);
  if (bracketed) text = bracketed[1]!;
  else if (/^\d+\.\d+\.\d+\.\d+:\d+$/.test(text)) text = text.slice(0, text.lastIndexOf(":"));
  text = text.toLowerCase();
  const mapped = text.match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
  if (mapped) text = mapped[1]!;
  return isIP(text) ? text : null;
}

/**
 * Verdicts already reached, per list of ranges: a range check costs about 2 µs and every request asks up to three
 * times, mostly about the same few proxies. Forgotten wholesale at a bound, since clients choose the hops they send.
 * The lists are never changed once parsed, so a verdict stays true.
 */
const verdicts = new WeakMap<BlockList, Map<string, boolean>>();
const MAX_VERDICTS = 1_024;

/** Whether `address` (normalised) is one of the configured proxies. */
export function isTrustedProxy(address: string, trusted: TrustedProxies): boolean {
  if (trusted.kind === "none") return false;
  if (trusted.kind === "hops") return trusted.count > 0;
  let known = verdicts.get(trusted.ranges);
  if (!known) verdicts.set(trusted.ranges, (known = new Map()));
  let verdict = known.get(address);
  if (verdict === undefined) {
    verdict = trusted.ranges.check(address, isIP(address) === 6 ? "ipv6" : "ipv4");
    if (known.size >= MAX_VERDICTS) known.clear();
    known.set(address, verdict);
  }
  return verdict;
}

/**
 * The client's address from an X-Forwarded-For chain whose last hop is the peer that connected to this server
 * (appended by `recordPeerAddresses()`, never written by the client). Walking from the right, each hop added by
 * a trusted proxy is skipped; the first one that is not is the client. Everything left of it was written by the
 * client or by proxies we know nothing about, and is never believed. With no trusted proxy, the answer is the peer.
 *
 * Hop counts trust the last `count` hops whoever they are: they fit only where the app cannot be reached but through
 * those proxies. When a chain is shorter than the hops or made of proxies only, its left-most hop is the answer.
 */
export function clientAddress(forwardedFor: string | null, trusted: TrustedProxies): string | null {
  if (!forwardedFor) return null;
  const chain = forwardedFor.split(",").map(normalizeAddress);
  const last = chain.length - 1;
  if (trusted.kind === "hops") return chain[Math.max(0, last - trusted.count)] ?? null;
  for (let i = last; i >= 0; i--) {
    const hop = chain[i];
    // An unreadable hop ends the walk: it was written by whoever the previous (trusted) hop heard from.
    if (!hop) return chain[i + 1] ?? null;
    if (!isTrustedProxy(hop, trusted)) return hop;
  }
  return chain[0] ?? null;
}
