/**
 * IP allowlists of API keys: IPv4 and IPv6 addresses and CIDR ranges. Pure (no node:net), because the Details form
 * validates the same lines in the browser that the server checks requests against.
 */

interface Parsed {
  family: 4 | 6;
  value: bigint;
}

interface Range extends Parsed {
  prefix: number;
}

const BITS = { 4: 32, 6: 128 } as const;

function parseIPv4(text: string): bigint | null {
  const parts = text.split(".");
  if (parts.length !== 4) return null;
  let value = 0n;
  for (const part of parts) {
    // Leading zeros are refused: some parsers read "010" as octal 8, so the line would not mean what it says.
    if (!/^(0|[1-9]\d{0,2})$/.test(part) || Number(part) > 255) return null;
    value = (value << 8n) | BigInt(part);
  }
  return value;
}

function parseIPv6(text: string): bigint | null {
  const halves = text.split("::");
  if (halves.length > 2) return null;
  const groups = (half: string) => (half === "" ? [] : half.split(":"));
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  const words: bigint[] = [];
  const all = [...head, ...tail];
  // A dotted IPv4 address may end the address (`::ffff:192.0.2.1`), standing for its last two groups.
  const last = all.at(-1);
  let embedded: bigint | null = null;
  if (last?.includes(".")) {
    embedded = parseIPv4(last);
    if (embedded === null) return null;
    if (tail.length) tail.pop();
    else head.pop();
  }
  for (const group of [...head, ...tail]) if (!/^[0-9a-f]{1,4}$/i.test(group)) return null;
  const explicit = head.length + tail.length + (embedded === null ? 0 : 2);
  if (halves.length === 1 ? explicit !== 8 : explicit > 7) return null;
  for (const group of head) words.push(BigInt(`0x${group}`));
  for (let i = explicit; i < 8; i++) words.push(0n);
  for (const group of tail) words.push(BigInt(`0x${group}`));
  let value = words.reduce((acc, word) => (acc << 16n) | word, 0n);
  if (embedded !== null) value = (value << 32n) | embedded;
  return value;
}

const MAPPED_PREFIX = 0xffffn << 32n;
const MAPPED_MASK = ~((1n << 32n) - 1n) & ((1n << 128n) - 1n);

/**
 * An address as a number of its family. An IPv4-mapped IPv6 address (`::ffff:192.0.2.1`, how a dual-stack server
 * may see an IPv4 client) is its IPv4 address, so IPv4 entries match it and it matches IPv4 entries.
 */
export function parseAddress(text: string): Parsed | null {
  const trimmed = text.trim();
  if (trimmed.includes(":")) {
    const value = parseIPv6(trimmed);
    if (value === null) return null;
    if ((value & MAPPED_MASK) === MAPPED_PREFIX) return { family: 4, value: value & 0xffffffffn };
    return { family: 6, value };
  }
  const value = parseIPv4(trimmed);
  return value === null ? null : { family: 4, value };
}

/** Why one allowlist line cannot be used, or null; `range` holds what it means when it can. */
export function parseAllowlistEntry(line: string): { range: Range; problem: null } | { range: null; problem: string } {
  const text = line.trim();
  const [addressText = "", prefixText, extra] = text.split("/");
  const address = parseAddress(addressText);
  if (!address || extra !== undefined || (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText))) {
    return { range: null, problem: "is not an IPv4 or IPv6 address, nor a CIDR range such as 192.0.2.0/24 or 2001:db8::/32" };
  }
  const mapped = address.family === 4 && addressText.includes(":");
  let prefix = prefixText === undefined ? BITS[address.family] : Number(prefixText);
  // A mapped range (`::ffff:192.0.2.0/120`) counts its prefix over 128 bits; as an IPv4 range it has 96 fewer.
  if (mapped && prefixText !== undefined) {
    if (prefix < 96 || prefix > 128) return { range: null, problem: "is an IPv4-mapped range whose prefix is not between 96 and 128" };
    prefix -= 96;
  }
  const bits = BITS[address.family];
  if (prefix > bits) return { range: null, problem: `has a prefix longer than ${bits} bits` };
  const hostBits = BigInt(bits - prefix);
  if (address.value & ((1n << hostBits) - 1n)) {
    return { range: null, problem: "has bits set after its prefix: write the range's first address, such as 192.0.2.0/24" };
  }
  return { range: { ...address, prefix }, problem: null };
}

function inRange(address: Parsed, range: Range): boolean {
  if (address.family !== range.family) return false;
  const shift = BigInt(BITS[range.family] - range.prefix);
  return address.value >> shift === range.value >> shift;
}

/**
 * Whether a request from `address` may use a key with `entries`: any address when the list is empty; otherwise the
 * address must be known and within one entry. Entries were validated when saved; one that no longer parses matches
 * nothing, so a list can only narrow.
 */
export function addressAllowed(address: string | null, entries: readonly string[]): boolean {
  if (entries.length === 0) return true;
  const parsed = address === null ? null : parseAddress(address);
  if (!parsed) return false;
  return entries.some((entry) => {
    const { range } = parseAllowlistEntry(entry);
    return range !== null && inRange(parsed, range);
  });
}
