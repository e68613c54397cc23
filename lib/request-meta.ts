import "server-only";
import { env } from "@/lib/env";
import { clientAddress } from "@/lib/http/client-address";

const addresses = new WeakMap<Headers, string | null>();

/**
 * The client's address: the right-most X-Forwarded-For hop not added by a trusted proxy (KEYWARD_TRUSTED_PROXIES);
 * without one, the peer that connected, which the server appends to the chain itself (lib/http/peer-address.ts).
 * A hop the client wrote is never believed. Used for audit and rate limits, never for authorisation.
 */
export function clientIp(headers: Headers): string | null {
  // Asked several times per API request (throttle, allowlist, access log); each answer checks every hop against the
  // trusted ranges, so it is worked out once per request's headers.
  const known = addresses.get(headers);
  if (known !== undefined) return known;
  const address = clientAddress(headers.get("x-forwarded-for"), env().KEYWARD_TRUSTED_PROXIES);
  addresses.set(headers, address);
  return address;
}

export interface RequestMeta {
  ip: string | null;
  userAgent: string | null;
  /** A secret-scanning partner's report that caused the change, recorded with its audit event. */
  reportedLeak?: { url: string | null; source: string | null };
}

export function requestMeta(headers: Headers): RequestMeta {
  return { ip: clientIp(headers), userAgent: headers.get("user-agent")?.slice(0, 512) ?? null };
}
