import http from "node:http";

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/**
 * One request exactly as written — the path is sent byte for byte (no URL normalisation, so `%ff` stays `%ff`), and
 * a body given as chunks is sent chunked, without Content-Length.
 */
export function rawRequest(
  baseURL: string,
  options: { method?: string; path: string; headers?: Record<string, string>; body?: string | Buffer; chunks?: Buffer[] },
): Promise<RawResponse> {
  const { hostname, port } = new URL(baseURL);
  return new Promise((resolve, reject) => {
    const request = http.request(
      { host: hostname === "localhost" ? "127.0.0.1" : hostname, port, method: options.method ?? "GET", path: options.path, headers: options.headers },
      (response) => {
        const parts: Buffer[] = [];
        response.on("data", (part: Buffer) => parts.push(part));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, headers: response.headers, body: Buffer.concat(parts).toString("utf8") }));
        response.on("error", reject);
      },
    );
    // Settles once: an error after the answer (a server closing the socket under an upload it refused) changes nothing.
    request.on("error", reject);
    request.setTimeout(30_000, () => request.destroy(new Error(`No answer to ${options.method ?? "GET"} ${options.path} in 30 s`)));
    if (options.chunks) {
      const write = (i: number) => {
        if (i >= options.chunks!.length || request.destroyed) return request.end();
        if (request.write(options.chunks![i]!)) write(i + 1);
        else request.once("drain", () => write(i + 1));
      };
      write(0);
    } else {
      request.end(options.body);
    }
  });
}
