import { isHost } from "./host";

/**
 * The origin the person reached the console by, from request headers that `stampPeer()` has already vetted:
 * X-Forwarded-Host survives only from a trusted proxy, and X-Forwarded-Proto is always a believed scheme. Without a
 * forwarded host it is the Host header, which the client chose for its own request; one that is not a host is not
 * echoed back.
 */
export function requestOrigin(headers: Pick<Headers, "get">): string {
  const forwarded = headers.get("x-forwarded-host");
  const own = headers.get("host");
  const host = forwarded ?? (own && isHost(own) ? own : "localhost");
  const proto = headers.get("x-forwarded-proto") === "https" ? "https" : "http";
  return `${proto}://${host}`;
}
