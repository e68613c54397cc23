import net from "node:net";

/**
 * A bare HTTP/1.1 client on a TCP socket. Playwright's request API and `fetch` normalise what they send (they
 * re-encode paths, refuse bytes outside Latin-1 in headers, pick the body framing themselves); the fuzzer needs to
 * send exactly the bytes it generated, so it writes them itself.
 */

export interface RawRequest {
  /** The request line and headers, up to and including the empty line. */
  head: Buffer;
  /** The body exactly as it goes on the wire (chunk framing included), produced lazily: bodies reach 5 MiB. */
  body: () => Iterable<Buffer>;
}

export interface Answer {
  /** The final (non-1xx) status, or null when the server sent no status line. */
  status: number | null;
  /** The response head of that status, as Latin-1 text. */
  head: string;
  /** The first bytes of the response body. */
  body: Buffer;
  ms: number;
  /** "timeout" when the server did not finish answering in time, or the socket error code. */
  error: string | null;
  /** Whether the connection was made at all. */
  connected: boolean;
  /** Whether the whole request was written before the server answered, closed or reset the connection. */
  sentAll: boolean;
  /** The request target as sent (Latin-1), to compare with a redirect's Location. */
  target: string;
}

/** What is kept of a response: the status line, headers and a body excerpt are all a report needs. */
const KEEP_BYTES = 64 * 1024;

/**
 * Sends one request on a new connection (the head always says `Connection: close`) and reads until the server
 * closes it, or `timeoutMs` passes.
 */
export function sendRaw(host: string, port: number, request: RawRequest, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve) => {
    const started = performance.now();
    const socket = net.connect({ host, port });
    const received: Buffer[] = [];
    let kept = 0;
    let connected = false;
    let sentAll = false;
    let error: string | null = null;
    let settled = false;

    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({
        ...parseResponse(Buffer.concat(received)),
        ms: Math.round(performance.now() - started),
        error,
        connected,
        sentAll,
        target: requestTarget(request.head),
      });
    };
    const timer = setTimeout(() => {
      error ??= "timeout";
      finish();
    }, timeoutMs);

    // Once the server has answered, the rest of the body would only be written into a closing connection.
    let answered = false;
    socket.on("data", (data: Buffer) => {
      if (kept >= KEEP_BYTES) return;
      received.push(data);
      kept += data.length;
      answered ||= (parseResponse(Buffer.concat(received)).status ?? 0) >= 200;
    });
    socket.on("end", finish);
    socket.on("close", finish);
    socket.on("error", (err: NodeJS.ErrnoException) => {
      error ??= err.code ?? err.message;
      finish();
    });
    socket.on("connect", () => {
      connected = true;
      void (async () => {
        if (!socket.write(request.head)) await drained(socket);
        for (const part of request.body()) {
          if (settled || socket.destroyed || answered) return;
          if (!socket.write(part)) await drained(socket);
        }
        sentAll = !settled && !socket.destroyed;
      })();
    });
  });
}

/** The request line's middle part: what the request asked for. */
function requestTarget(head: Buffer): string {
  const line = head.subarray(0, Math.max(0, head.indexOf("\r\n"))).toString("latin1");
  return line.slice(line.indexOf(" ") + 1, line.lastIndexOf(" "));
}

/** Resolves when the socket can take more data, or will never take any. */
function drained(socket: net.Socket): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      socket.off("drain", done);
      socket.off("close", done);
      socket.off("error", done);
      resolve();
    };
    socket.on("drain", done);
    socket.on("close", done);
    socket.on("error", done);
  });
}

/** The data of a chunked body, as far as it arrived. */
function dechunk(data: Buffer): Buffer {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const end = data.indexOf("\r\n", at);
    if (end < 0) break;
    const size = Number.parseInt(data.subarray(at, end).toString("latin1"), 16);
    if (!Number.isFinite(size) || size <= 0) break;
    parts.push(data.subarray(end + 2, end + 2 + size));
    at = end + 2 + size + 2;
  }
  return Buffer.concat(parts);
}

/** Splits off interim (1xx) responses such as `100 Continue` and reads the final status. */
function parseResponse(data: Buffer): Pick<Answer, "status" | "head" | "body"> {
  let rest = data;
  for (;;) {
    const end = rest.indexOf("\r\n\r\n");
    const head = (end < 0 ? rest : rest.subarray(0, end)).toString("latin1");
    const match = /^HTTP\/\d(?:\.\d)? (\d{3})/.exec(head);
    if (!match) return { status: null, head, body: Buffer.alloc(0) };
    const status = Number(match[1]);
    const body = end < 0 ? Buffer.alloc(0) : rest.subarray(end + 4);
    if (status >= 200 || end < 0)
      return { status, head, body: /^transfer-encoding:\s*chunked/im.test(head) ? dechunk(body) : body };
    rest = body;
  }
}
