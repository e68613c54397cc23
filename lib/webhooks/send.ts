import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";

export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export type Sender = (request: {
  url: URL;
  address: { address: string; family: 4 | 6 };
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
}) => Promise<SendResult>;

/**
 * POSTs a delivery, connected to the address the policy checked (the host name still goes in Host and TLS SNI),
 * so DNS cannot point the connection elsewhere between the check and the request. Redirects are not followed: a
 * 3xx is an answer like any other non-2xx. The timeout covers the whole exchange.
 */
export const sendWebhook: Sender = ({ url, address, headers, body, timeoutMs }) => {
  const started = Date.now();
  const client = url.protocol === "https:" ? https : http;
  const lookup: LookupFunction = (_hostname, options, callback) => {
    if (options.all) callback(null, [{ address: address.address, family: address.family }]);
    else callback(null, address.address, address.family);
  };
  return new Promise<SendResult>((resolve) => {
    let settled = false;
    const finish = (statusCode: number | null, error: string | null) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve({ statusCode, error, durationMs: Date.now() - started });
    };
    const request = client.request(
      url,
      {
        method: "POST",
        lookup,
        agent: false,
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "Keyward-Webhooks/1.0",
        },
      },
      (response) => {
        const status = response.statusCode ?? null;
        // The body is read and discarded (never stored: receivers may echo what we sent).
        response.resume();
        response.on("end", () => finish(status, status !== null && status >= 200 && status < 300 ? null : `HTTP ${status}`));
        response.on("error", (error) => finish(status, error.message));
      },
    );
    const timer = setTimeout(() => {
      finish(null, `No answer within ${Math.round(timeoutMs / 1000)} s.`);
      request.destroy();
    }, timeoutMs);
    request.on("error", (error: NodeJS.ErrnoException) => finish(null, error.code ? `${error.code}: ${error.message}` : error.message));
    request.end(body);
  });
};
