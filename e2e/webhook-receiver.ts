import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface ReceivedDelivery {
  headers: Record<string, string>;
  body: string;
  json: { type: string; timestamp: string; data: { id: string | null; label: string | null; action: string } };
}

/**
 * A webhook receiver on 127.0.0.1 that records every delivery and answers with `status(delivery)`, which may take its
 * time: until it settles, the attempt is in flight.
 */
export interface Receiver {
  url: string;
  received: ReceivedDelivery[];
  close: () => Promise<void>;
}

function flatten(headers: IncomingHttpHeaders): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(",") : (v ?? "")]));
}

export async function startReceiver(
  status: (delivery: ReceivedDelivery) => number | Promise<number> = () => 204,
): Promise<Receiver> {
  const received: ReceivedDelivery[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const body = Buffer.concat(chunks).toString("utf8");
      const delivery = { headers: flatten(request.headers), body, json: JSON.parse(body) };
      received.push(delivery);
      void Promise.resolve(status(delivery)).then((code) => {
        response.statusCode = code;
        response.end();
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hooks/keyward`,
    received,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // An answer still being held must not keep the receiver open.
        server.closeAllConnections();
      }),
  };
}
