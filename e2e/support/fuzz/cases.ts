import { crc32, RANDOM_LENGTH } from "@/lib/secrets";
import type { RawRequest } from "./raw-http";
import { mistyped } from "@/lib/testing/mistyped";

/**
 * A generated request, kept as structure rather than bytes so that fast-check can shrink it and a report can show
 * it. `render()` turns it into the exact bytes sent.
 */
export interface FuzzCase {
  /** The target's key, e.g. "PATCH /api/v1/api-keys/{id}" or "GET /admin/api-keys". */
  target: string;
  /** What the case malforms, e.g. "path:param" or "body:nested". Part of the failure class. */
  aspect: string;
  method: string;
  /** Path segments after the leading slash. */
  segments: Piece[][];
  /**
   * The request target written as a whole URL (scheme and authority before the path; a null authority is the
   * server's own host) or as `*` instead of the path and query (RFC 9112 §3.2). Absent: a path.
   */
  form?: { t: "absolute"; scheme: string; authority: Piece[] | null } | { t: "asterisk" };
  query: QueryParam[];
  headers: Header[];
  credentials: Credential[];
  /** Send the signed-in console session cookie. */
  session: boolean;
  body: Body | null;
}

/** A piece of a URL component. */
export type Piece =
  /** Characters percent-encoded as UTF-8, as a well-behaved client sends them. */
  | { t: "text"; v: string }
  /** The characters' UTF-8 bytes, not encoded. */
  | { t: "raw"; v: string }
  /** A literal escape sequence, valid or not: `%ff`, `%`, `%zz`. */
  | { t: "esc"; v: string }
  /** One raw byte. */
  | { t: "byte"; v: number }
  /** A value of this run (a record id, a secret), by name, percent-encoded. */
  | { t: "ref"; v: string };

export interface QueryParam {
  name: Piece[];
  /** null: the parameter has no `=`. */
  value: Piece[] | null;
}

export interface Header {
  name: string;
  value: string;
  /** Write the value one byte per character (Latin-1) instead of as UTF-8. */
  latin1: boolean;
}

export type Via =
  | "bearer"
  | "x-api-key"
  | "x-apikey"
  | "query:apiKey"
  | "query:key"
  | "form:key"
  | "json:API_Key"
  | "basic";

export type CredentialValue =
  | { t: "ref"; v: string }
  /** A value in a Keyward format with a correct checksum that no one was ever given. */
  | { t: "unknown"; prefix: string; random: string }
  /** A real secret, spoilt. */
  | { t: "spoilt"; v: string; how: "checksum" | "case" | "spaces" | "ellipsis" | "truncated" | "nul" | "twice" }
  | { t: "text"; v: string };

export interface Credential {
  via: Via;
  /** The `Authorization` scheme as written, for `bearer` ("Bearer ", "bearer  ", "Token "); the user for `basic`. */
  scheme: string;
  value: CredentialValue;
}

export interface Body {
  contentType: string | null;
  framing: "length" | "chunked" | "chunked+length";
  /** Chunk size in bytes when chunked. */
  chunk: number;
  payload: Payload;
}

export type Payload =
  /** JSON with markers: `{ $raw: "1e999" }` is written as that token, `{ $bytes: [255] }` as a string of those bytes, `{ $ref: "secret:read" }` as that value. */
  | { t: "json"; v: unknown }
  | { t: "text"; v: string }
  | { t: "bytes"; v: number[] }
  | { t: "form"; fields: { name: Piece[]; value: Piece[] }[] }
  | { t: "nested"; depth: number; shape: "array" | "object"; within: string | null }
  | { t: "big"; size: number; fill: "x" | "json" | "nul" };

/** The values of this run that cases refer to by name, and what every request carries. */
export interface RenderContext {
  host: string;
  cookie: string;
  refs: Record<string, string>;
  /** A fresh client address per request, so per-IP rate limits do not stand in for the checks behind them. */
  forwardedFor: () => string;
}

const UNRESERVED = /[A-Za-z0-9\-._~]/;

/** Percent-encodes the UTF-8 bytes of `text` (lone surrogates become U+FFFD, as any encoder does). */
export function percentEncode(text: string): string {
  let out = "";
  for (const byte of Buffer.from(text, "utf8")) {
    const char = String.fromCharCode(byte);
    out += UNRESERVED.test(char) ? char : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return out;
}

function pieceBytes(piece: Piece, refs: Record<string, string>): Buffer {
  switch (piece.t) {
    case "text":
      return Buffer.from(percentEncode(piece.v), "latin1");
    case "raw":
      return Buffer.from(piece.v, "utf8");
    case "esc":
      return Buffer.from(piece.v, "latin1");
    case "byte":
      return Buffer.from([piece.v & 0xff]);
    case "ref":
      return Buffer.from(percentEncode(refs[piece.v] ?? piece.v), "latin1");
  }
}

const piecesBytes = (pieces: Piece[], refs: Record<string, string>) =>
  Buffer.concat(pieces.map((p) => pieceBytes(p, refs)));

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const BASE62_CHARS = [...BASE62];

function base62(value: number, width: number): string {
  let out = "";
  for (let n = value; n > 0; n = Math.floor(n / 62)) out = BASE62[n % 62] + out;
  return out.padStart(width, "0");
}

/** A secret in Keyward's format (prefix, random part, CRC32 checksum) that was never issued. */
export function unknownSecret(prefix: string, random: string): string {
  const body = `${prefix}${random.padEnd(RANDOM_LENGTH, "0").slice(0, RANDOM_LENGTH)}`;
  return `${body}${base62(crc32(body), 6)}`;
}

export function credentialText(value: CredentialValue, refs: Record<string, string>): string {
  switch (value.t) {
    case "ref":
      return refs[value.v] ?? value.v;
    case "unknown":
      return unknownSecret(value.prefix, value.random);
    case "text":
      return value.v;
    case "spoilt": {
      const secret = refs[value.v] ?? value.v;
      switch (value.how) {
        case "checksum":
          return mistyped(secret);
        case "case":
          return secret.toUpperCase();
        case "spaces":
          return ` ${secret}\t`;
        case "ellipsis":
          return `${secret.slice(0, 13)}…`;
        case "truncated":
          return secret.slice(0, -7);
        case "nul":
          return `${secret}\u0000`;
        case "twice":
          return `${secret},${secret}`;
      }
    }
  }
}

/** Writes JSON with the markers of `Payload` "json" resolved. */
function jsonBytes(value: unknown, refs: Record<string, string>, out: Buffer[]): void {
  if (Array.isArray(value)) {
    out.push(Buffer.from("["));
    value.forEach((item, i) => {
      if (i > 0) out.push(Buffer.from(","));
      jsonBytes(item, refs, out);
    });
    out.push(Buffer.from("]"));
    return;
  }
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    const keys = Object.keys(record);
    if (keys.length === 1 && typeof record.$raw === "string") return void out.push(Buffer.from(record.$raw, "utf8"));
    if (keys.length === 1 && Array.isArray(record.$bytes)) {
      return void out.push(Buffer.concat([Buffer.from('"'), Buffer.from(record.$bytes as number[]), Buffer.from('"')]));
    }
    if (keys.length === 1 && typeof record.$ref === "string") {
      return void out.push(Buffer.from(JSON.stringify(refs[record.$ref] ?? record.$ref), "utf8"));
    }
    out.push(Buffer.from("{"));
    keys.forEach((key, i) => {
      if (i > 0) out.push(Buffer.from(","));
      out.push(Buffer.from(`${JSON.stringify(key)}:`, "utf8"));
      jsonBytes(record[key], refs, out);
    });
    out.push(Buffer.from("}"));
    return;
  }
  // undefined and functions have no JSON form; null stands in, as in an array.
  out.push(Buffer.from(JSON.stringify(value) ?? "null", "utf8"));
}

const BIG_PART = 64 * 1024;

/** The payload's bytes, in parts: big payloads are produced as they are written. */
function* payloadParts(payload: Payload, refs: Record<string, string>): Generator<Buffer> {
  switch (payload.t) {
    case "json": {
      const out: Buffer[] = [];
      jsonBytes(payload.v, refs, out);
      yield Buffer.concat(out);
      return;
    }
    case "text":
      yield Buffer.from(payload.v, "utf8");
      return;
    case "bytes":
      yield Buffer.from(payload.v.map((b) => b & 0xff));
      return;
    case "form":
      yield Buffer.concat(
        payload.fields.flatMap((field, i) => [
          Buffer.from(i > 0 ? "&" : ""),
          piecesBytes(field.name, refs),
          Buffer.from("="),
          piecesBytes(field.value, refs),
        ]),
      );
      return;
    case "nested": {
      const [open, close] = payload.shape === "array" ? ["[", "]"] : ['{"a":', "}"];
      const head = payload.within === null ? "" : `{${JSON.stringify(payload.within)}:`;
      yield Buffer.from(
        head + open.repeat(payload.depth) + "1" + close.repeat(payload.depth) + (head ? "}" : ""),
        "utf8",
      );
      return;
    }
    case "big": {
      const prefix = payload.fill === "json" ? Buffer.from('{"padding":"') : Buffer.alloc(0);
      const suffix = payload.fill === "json" ? Buffer.from('"}') : Buffer.alloc(0);
      const filler = Buffer.alloc(BIG_PART, payload.fill === "nul" ? 0 : "x".charCodeAt(0));
      yield prefix;
      let left = Math.max(0, payload.size - prefix.length - suffix.length);
      while (left > 0) {
        const part = filler.subarray(0, Math.min(left, BIG_PART));
        left -= part.length;
        yield part;
      }
      yield suffix;
    }
  }
}

function payloadLength(payload: Payload, refs: Record<string, string>): number {
  if (payload.t === "big") return Math.max(payload.size, payload.fill === "json" ? 14 : 0);
  let length = 0;
  for (const part of payloadParts(payload, refs)) length += part.length;
  return length;
}

/** A JSON object payload with the credential added, or the payload as it was. */
function withJsonCredential(payload: Payload, value: string): Payload {
  if (payload.t === "json" && payload.v && typeof payload.v === "object" && !Array.isArray(payload.v)) {
    return { t: "json", v: { ...(payload.v as object), API_Key: value } };
  }
  return payload;
}

/** The exact request a case describes. */
export function render(fuzzCase: FuzzCase, context: RenderContext): RawRequest {
  const { refs } = context;
  const headers: [string, Buffer][] = [];
  const query = [...fuzzCase.query];
  let body = fuzzCase.body;

  for (const credential of fuzzCase.credentials) {
    const value = credentialText(credential.value, refs);
    switch (credential.via) {
      case "bearer":
        headers.push(["Authorization", Buffer.from(`${credential.scheme}${value}`, "utf8")]);
        break;
      case "basic":
        headers.push([
          "Authorization",
          Buffer.from(`Basic ${Buffer.from(`${credential.scheme}:${value}`, "utf8").toString("base64")}`),
        ]);
        break;
      case "x-api-key":
        headers.push(["X-API-Key", Buffer.from(value, "utf8")]);
        break;
      case "x-apikey":
        headers.push(["X-ApiKey", Buffer.from(value, "utf8")]);
        break;
      case "query:apiKey":
      case "query:key":
        query.push({
          name: [{ t: "text", v: credential.via.slice("query:".length) }],
          value: [{ t: "text", v: value }],
        });
        break;
      case "form:key": {
        const field = { name: [{ t: "text", v: "key" }] as Piece[], value: [{ t: "text", v: value }] as Piece[] };
        if (!body)
          body = {
            contentType: "application/x-www-form-urlencoded",
            framing: "length",
            chunk: 0,
            payload: { t: "form", fields: [field] },
          };
        else if (body.payload.t === "form")
          body = { ...body, payload: { t: "form", fields: [...body.payload.fields, field] } };
        break;
      }
      case "json:API_Key":
        if (!body)
          body = {
            contentType: "application/json",
            framing: "length",
            chunk: 0,
            payload: { t: "json", v: { API_Key: value } },
          };
        else body = { ...body, payload: withJsonCredential(body.payload, value) };
        break;
    }
  }

  const form = fuzzCase.form;
  const target = form?.t === "asterisk" ? Buffer.from("*") : Buffer.concat([
    ...(form?.t === "absolute"
      ? [Buffer.from(`${form.scheme}://`, "latin1"), form.authority ? piecesBytes(form.authority, refs) : Buffer.from(context.host)]
      : []),
    ...fuzzCase.segments.flatMap((segment) => [Buffer.from("/"), piecesBytes(segment, refs)]),
    ...(fuzzCase.segments.length === 0 ? [Buffer.from("/")] : []),
    ...query.flatMap((param, i) => [
      Buffer.from(i === 0 ? "?" : "&"),
      piecesBytes(param.name, refs),
      ...(param.value ? [Buffer.from("="), piecesBytes(param.value, refs)] : []),
    ]),
  ]);

  const own = (name: string) => fuzzCase.headers.some((h) => h.name.toLowerCase() === name.toLowerCase());
  const lines: Buffer[] = [Buffer.from(`${fuzzCase.method} `, "latin1"), target, Buffer.from(" HTTP/1.1\r\n")];
  const header = (name: string, value: Buffer) =>
    lines.push(Buffer.from(`${name}: `, "latin1"), value, Buffer.from("\r\n"));
  if (!own("Host")) header("Host", Buffer.from(context.host));
  header("Connection", Buffer.from("close"));
  if (!own("User-Agent")) header("User-Agent", Buffer.from("keyward-fuzz"));
  if (!own("X-Forwarded-For")) header("X-Forwarded-For", Buffer.from(context.forwardedFor()));
  if (fuzzCase.session && context.cookie) header("Cookie", Buffer.from(context.cookie));
  for (const h of fuzzCase.headers) header(h.name, Buffer.from(h.value, h.latin1 ? "latin1" : "utf8"));
  for (const [name, value] of headers) header(name, value);

  let parts: () => Iterable<Buffer> = () => [];
  if (body) {
    const payload = body.payload;
    if (body.contentType !== null) header("Content-Type", Buffer.from(body.contentType, "utf8"));
    if (body.framing !== "chunked") header("Content-Length", Buffer.from(String(payloadLength(payload, refs))));
    if (body.framing === "length") {
      parts = () => payloadParts(payload, refs);
    } else {
      header("Transfer-Encoding", Buffer.from("chunked"));
      const size = Math.max(1, body.chunk);
      parts = () => chunked(payloadParts(payload, refs), size);
    }
  }
  lines.push(Buffer.from("\r\n"));
  return { head: Buffer.concat(lines), body: parts };
}

function* chunked(parts: Iterable<Buffer>, size: number): Generator<Buffer> {
  for (const part of parts) {
    for (let at = 0; at < part.length; at += size) {
      const chunk = part.subarray(at, at + size);
      yield Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]);
    }
  }
  yield Buffer.from("0\r\n\r\n");
}

/** Code points a report shows as `\u{…}`: controls, format characters, separators other than the space. */
const INVISIBLE = /[\p{C}\p{Z}]/u;

/**
 * Bytes as readable text: printable ASCII and well-formed UTF-8 as characters, invisible characters as `\u{…}`,
 * control bytes and bytes that are not valid UTF-8 as `\xNN`.
 */
export function escapeBytes(bytes: Buffer, max = 400): string {
  let out = "";
  let i = 0;
  while (i < Math.min(bytes.length, max)) {
    const byte = bytes[i]!;
    const length =
      byte < 0x80
        ? 1
        : byte >= 0xc2 && byte <= 0xdf
          ? 2
          : byte >= 0xe0 && byte <= 0xef
            ? 3
            : byte >= 0xf0 && byte <= 0xf4
              ? 4
              : 0;
    if (length > 1) {
      const sequence = bytes.subarray(i, i + length);
      const char = sequence.toString("utf8");
      // Overlong forms, surrogates and truncated sequences decode to U+FFFD, which encodes differently.
      if (Buffer.from(char, "utf8").equals(sequence)) {
        out += INVISIBLE.test(char) && char !== " " ? `\\u{${char.codePointAt(0)!.toString(16)}}` : char;
        i += length;
        continue;
      }
    }
    out +=
      byte >= 0x20 && byte < 0x7f
        ? byte === 0x5c
          ? "\\\\"
          : String.fromCharCode(byte)
        : `\\x${byte.toString(16).padStart(2, "0")}`;
    i++;
  }
  return bytes.length > max ? `${out}… (${bytes.length} bytes)` : out;
}

/** Headers every request carries, left out of reports (the Host only when it is the server's own). */
const HIDDEN = ["Connection: close", "User-Agent: keyward-fuzz", "X-Forwarded-For: <fresh address>"];

/**
 * The request as a report shows it: the head line by line with non-ASCII bytes escaped, secrets by name
 * (`<secret:read>`), and the body as an excerpt (big ones described, not printed).
 */
export function describe(fuzzCase: FuzzCase, context: RenderContext): string {
  const names = Object.fromEntries(
    Object.keys(context.refs).map((name) => [name, name.startsWith("secret:") ? `<${name}>` : context.refs[name]!]),
  );
  const shown = render(fuzzCase, {
    ...context,
    refs: names,
    cookie: "<signed-in session>",
    forwardedFor: () => "<fresh address>",
  });
  const head = shown.head
    .toString("latin1")
    .split("\r\n")
    .filter((line) => line && line !== `Host: ${context.host}` && !HIDDEN.some((prefix) => line.startsWith(prefix)))
    .map((line) => {
      const shownLine = escapeBytes(Buffer.from(line, "latin1")).replace(/%3Csecret%3A([\w:]+)%3E/g, "<secret:$1>");
      const basic = /^Authorization: Basic ([A-Za-z0-9+/=]+)$/.exec(line)?.[1];
      return basic ? `${shownLine}   (base64 of "${escapeBytes(Buffer.from(basic, "base64"))}")` : shownLine;
    });
  const payload = fuzzCase.body?.payload;
  let body = "";
  if (payload?.t === "big") {
    const fill = payload.fill === "json" ? '{"padding":"xxx…"}' : payload.fill === "nul" ? "U+0000" : "x";
    const framing = fuzzCase.body!.framing === "length" ? "" : `, in chunks of ${fuzzCase.body!.chunk} bytes`;
    body = `<${payload.size} bytes of ${fill}${framing}>`;
  } else if (payload?.t === "nested") {
    body = `<${payload.shape === "array" ? "[" : '{"a":'} nested ${payload.depth} deep${payload.within ? ` under "${payload.within}"` : ""}>`;
  } else {
    // With the credentials a body carries, without the chunk framing (the head shows how it was sent).
    const unframed = fuzzCase.body ? { ...fuzzCase, body: { ...fuzzCase.body, framing: "length" as const } } : fuzzCase;
    const bytes = Buffer.concat([...render(unframed, { ...context, refs: names }).body()]);
    if (bytes.length > 0) body = escapeBytes(bytes, 300).replace(/%3Csecret%3A([\w:]+)%3E/g, "<secret:$1>");
    if (fuzzCase.body && fuzzCase.body.framing !== "length")
      body += `\n(sent in chunks of ${fuzzCase.body.chunk} bytes)`;
  }
  return [...head, ...(body ? ["", body] : [])].join("\n");
}
