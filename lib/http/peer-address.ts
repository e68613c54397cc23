import "server-only";
import { subscribe } from "node:diagnostics_channel";
import type { IncomingMessage } from "node:http";
import type { Socket } from "node:net";
import { isTrustedProxy, normalizeAddress, type TrustedProxies } from "./client-address";

interface RequestStart {
  request: IncomingMessage;
  socket: Socket;
}

const installed = globalThis as unknown as { __keywardPeerAddresses?: boolean };

/**
 * Makes the connection's peer visible to the app. Next.js hands route handlers only the request headers, and sets
 * X-Forwarded-For to the peer only when the request has none, so a client's own header would otherwise reach the
 * app as if a proxy had written it. Node publishes every incoming request on this channel before any listener (Next
 * included) sees it; here the peer is appended to X-Forwarded-For, as every proxy does, so the chain's last hop is
 * always the address that really connected, and `clientAddress()` reads the chain from the right.
 *
 * X-Forwarded-Proto and X-Forwarded-Host are believed only from a trusted proxy, and only when they are a scheme and a
 * host; otherwise the scheme is what the socket is (so a client on plain http cannot claim https, which decides
 * Strict-Transport-Security) and the forwarded host is dropped.
 */
export function recordPeerAddresses(trusted: TrustedProxies): void {
  if (installed.__keywardPeerAddresses) return;
  installed.__keywardPeerAddresses = true;
  subscribe("http.server.request.start", (message) => {
    const { request, socket } = message as RequestStart;
    stampPeer(request, socket, trusted);
  });
}

/** The header changes for one request; exported for tests. */
export function stampPeer(
  request: Pick<IncomingMessage, "headers">,
  socket: { remoteAddress?: string; encrypted?: boolean },
  trusted: TrustedProxies,
): void {
  const peer = normalizeAddress(socket.remoteAddress) ?? "unknown";
  const prior = request.headers["x-forwarded-for"];
  const chain = Array.isArray(prior) ? prior.join(", ") : prior;
  request.headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
  const proto = String(request.headers["x-forwarded-proto"] ?? "").split(",")[0]!.trim().toLowerCase();
  // Even a trusted proxy's value must be a scheme: Auth.js and the pages build URLs from it, and "://host" throws.
  const believed = isTrustedProxy(peer, trusted) && (proto === "http" || proto === "https");
  request.headers["x-forwarded-proto"] = believed ? proto : socket.encrypted ? "https" : "http";
  const host = request.headers["x-forwarded-host"];
  if (host !== undefined && (!isTrustedProxy(peer, trusted) || !isHost(String(host)))) delete request.headers["x-forwarded-host"];
}

/** A host with an optional port, as URLs carry it: anything else is not a host a proxy would forward. */
export const isHost = (value: string) => /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(value);
