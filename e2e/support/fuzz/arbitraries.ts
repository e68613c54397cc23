import fc from "fast-check";
import {
  BASE62_CHARS,
  type Body,
  type Credential,
  type CredentialValue,
  type FuzzCase,
  type Header,
  type Payload,
  type Piece,
  type QueryParam,
  type Via,
} from "./cases";
import { pageRef, resolveRef, type ApiTarget, type PageTarget, type Schema, type Target } from "./targets";

/**
 * fast-check generators of malformed requests. Every case starts from a request the target would accept in shape
 * (a valid credential, the ids of real records) and malforms one aspect of it, named in `aspect`, so that a failure
 * class says what broke the server and shrinking keeps the rest plausible.
 */

// ── Text ─────────────────────────────────────────────────────────────────────────────────────────────────────

const CONTROL = Array.from({ length: 32 }, (_, i) => String.fromCharCode(i)).concat("\u007f");

/** Characters and strings that have broken servers before: controls, odd Unicode, lone surrogates, injections. */
const NASTY = [
  "",
  " ",
  "\u0000",
  "a\u0000b",
  "\u0001",
  "\u0008",
  "\t",
  "\u001b[31m",
  "\u001f",
  "\u007f",
  "\u0080",
  "\u0085",
  "\u00a0",
  "\u00ff",
  "\u2028",
  "\u2029",
  "\u200b",
  "\u202e",
  "\ufeff",
  "\ufffd",
  "\uffff",
  "\ud800",
  "\udfff",
  "\ud83d",
  "💩",
  "👩‍👩‍👧",
  "é",
  "e\u0301",
  "→",
  "…",
  "中文",
  "ﷺ",
  "%00",
  "%ff",
  "%",
  "\\",
  '"',
  "'",
  "`",
  "${x}",
  "{{x}}",
  "<script>",
  "../",
  "..\\",
  "/",
  "?",
  "#",
  "&",
  "=",
  ";",
  ",",
  "+",
  "*",
  "null",
  "undefined",
  "true",
  "[object Object]",
  "__proto__",
  "constructor",
  "' OR '1'='1",
  "acme",
  "globex",
];

/** Dates a `new Date()` accepts or almost accepts, at and beyond its range (±8.64e15 ms). */
const DATES = [
  "+275760-09-13T00:00:00Z",
  "+275760-09-13T00:00:00.001Z",
  "-271821-04-20T00:00:00Z",
  "-271821-04-19T23:59:59Z",
  "10000-01-01",
  "9999-12-31T23:59:59.999Z",
  "0000-01-01",
  "0001-01-01T00:00:00Z",
  "1969-12-31T23:59:59.999Z",
  "2024-02-30",
  "2024-13-01",
  "2024-01-01T24:00:00Z",
  "2024-01-01T00:00:00+25:00",
  "2024-01-01T00:00:00.1234567890Z",
  "8640000000000000",
  "8640000000000001",
  "-8640000000000001",
  "1e21",
  "Infinity",
  "now",
  "2024-01-01",
  "2024-01-01T00:00:00Z",
];

/** Number-like text: at and beyond the limits of integers, doubles and PostgreSQL's types. */
const NUMBERS = [
  "0",
  "-0",
  "-1",
  "1.5",
  "01",
  "1e3",
  "1e309",
  "-1e309",
  "NaN",
  "Infinity",
  "0x10",
  "2147483647",
  "2147483648",
  "-2147483649",
  "9007199254740993",
  "99999999999999999999999999999999",
  "1".repeat(400),
  " 1",
  "1 ",
  "١٢٣",
];

export const dateText = fc.oneof(
  fc.constantFrom(...DATES),
  fc.date({ noInvalidDate: true }).map((date) => date.toISOString()),
  fc.bigInt({ min: -8_640_000_000_000_001n, max: 8_640_000_000_000_001n }).map(String),
);

const numberText = fc.oneof(fc.constantFrom(...NUMBERS), fc.double().map(String), fc.bigInt().map(String));

/** Text with a bias towards what breaks parsers, databases and header encoders. */
export const nastyText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...NASTY) },
  { weight: 2, arbitrary: fc.string({ unit: "binary", maxLength: 12 }) },
  { weight: 2, arbitrary: fc.string({ unit: "grapheme", maxLength: 12 }) },
  {
    weight: 3,
    arbitrary: fc
      .array(fc.oneof(fc.constantFrom(...NASTY), fc.constantFrom(...CONTROL), fc.string({ maxLength: 4 })), {
        minLength: 1,
        maxLength: 5,
      })
      .map((parts) => parts.join("")),
  },
  {
    weight: 1,
    arbitrary: fc
      .record({
        unit: fc.constantFrom("a", "é", "💩", "\u0000", " "),
        times: fc.constantFrom(40, 41, 99, 100, 101, 200, 201, 500, 501, 2049, 10_000),
      })
      .map(({ unit, times }) => unit.repeat(times)),
  },
  { weight: 2, arbitrary: dateText },
  { weight: 1, arbitrary: numberText },
);

/**
 * Header values. CR and LF would end the header rather than malform it, so never; other control characters Node's
 * parser refuses (400) before the application sees them, so only in a small share.
 */
const headerText = fc.oneof(
  { weight: 5, arbitrary: nastyText.map((text) => text.replace(/[\u0000-\u0008\u000a-\u001f\u007f]/g, "")) },
  { weight: 1, arbitrary: nastyText.map((text) => text.replace(/[\r\n]/g, "")) },
);

// ── URL pieces ──────────────────────────────────────────────────────────────────────────────────────────────

/** Escapes: invalid, overlong, surrogate and out-of-range UTF-8, controls, separators, double encoding. */
const ESCAPES = [
  "%",
  "%%",
  "%0",
  "%zz",
  "%g0",
  "%ff",
  "%FF",
  "%fe",
  "%80",
  "%bf",
  "%c3",
  "%e2%82",
  "%c0%80",
  "%c0%af",
  "%e0%80%80",
  "%ed%a0%80",
  "%ed%bf%bf",
  "%f4%90%80%80",
  "%f8%88%80%80%80",
  "%00",
  "%01",
  "%1f",
  "%7f",
  "%0d%0a",
  "%2f",
  "%2F",
  "%5c",
  "%2e",
  "%2e%2e",
  "%252e",
  "%25",
  "%u0041",
  "%uD800",
  "%e2%80%ae",
  "%ef%bb%bf",
  "%f0%9f%92%a9",
  "%20",
  "+",
];

const escapePiece: fc.Arbitrary<Piece> = fc.constantFrom(...ESCAPES).map((v) => ({ t: "esc", v }));
/** Single bytes that are never valid UTF-8 on their own, and controls. */
const bytePiece: fc.Arbitrary<Piece> = fc
  .oneof(
    fc.integer({ min: 0x80, max: 0xff }),
    fc.constantFrom(0x00, 0x01, 0x09, 0x1f, 0x7f, 0x20, 0x22, 0x3c, 0x5c, 0x60, 0x7b),
  )
  .map((v) => ({ t: "byte", v }));
const rawPiece: fc.Arbitrary<Piece> = fc
  .oneof(fc.constantFrom("é", "💩", "→", "\u00a0", "中文", "\ud800"), fc.string({ unit: "grapheme", maxLength: 4 }))
  .map((v) => ({ t: "raw", v }));
const textPiece = (text: fc.Arbitrary<string> = nastyText): fc.Arbitrary<Piece> => text.map((v) => ({ t: "text", v }));

/**
 * A URL component made of pieces: well-encoded text and escapes, and sometimes raw bytes or raw UTF-8, which
 * Node's HTTP parser refuses (400) before the application sees them, so they get a smaller share.
 */
const malformedPieces: fc.Arbitrary<Piece[]> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.array(fc.oneof({ weight: 2, arbitrary: textPiece() }, { weight: 3, arbitrary: escapePiece }), {
      minLength: 1,
      maxLength: 4,
    }),
  },
  {
    weight: 1,
    arbitrary: fc.array(fc.oneof(textPiece(), escapePiece, bytePiece, rawPiece), { minLength: 1, maxLength: 4 }),
  },
);

const text = (v: string): Piece[] => [{ t: "text", v }];

// ── JSON from schemas ───────────────────────────────────────────────────────────────────────────────────────

/** JSON numbers at the limits, and number tokens JSON.parse reads as Infinity or rejects. */
const jsonNumber: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, -0, 1, -1, 0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, 1e21, 1e308, -1e308, 5e-324),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer(),
  fc.constantFrom("1e999", "-1e999", "123456789012345678901234567890", "1.0e+400", "-0.0").map(($raw) => ({ $raw })),
);

/** A value of any JSON type, small: what goes where a field of another type was expected. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  jsonNumber,
  nastyText,
  fc.constant([]),
  fc.constant({}),
  fc.array(nastyText, { maxLength: 3 }),
  fc.dictionary(nastyText, nastyText, { maxKeys: 2 }),
  fc.constantFrom([255], [0xc0, 0x80], [0xed, 0xa0, 0x80], [0x00], [0xf5, 0x80]).map(($bytes) => ({ $bytes })),
);

const SECRET_NAMES = /key|secret|token|client_id|password/i;

/** Values for a string field: nasty text, the field's own limits, and formats its name or schema suggest. */
function stringValue(schema: Schema, name: string, secrets: fc.Arbitrary<unknown>): fc.Arbitrary<unknown> {
  const options: fc.Arbitrary<unknown>[] = [nastyText];
  if (schema.maxLength !== undefined) {
    const max = schema.maxLength;
    options.push(
      fc
        .record({ unit: fc.constantFrom("a", "é", "💩", "\u0000"), length: fc.constantFrom(max, max + 1) })
        .map(({ unit, length }) => unit.repeat(length)),
    );
  }
  if (SECRET_NAMES.test(name)) options.push(secrets, secrets);
  if (schema.format === "uuid" || /id$/i.test(name)) {
    options.push(
      fc.uuid(),
      fc.constantFrom(
        "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
        "kwk_000000000000000000000000",
      ),
    );
  }
  if (schema.format === "date-time" || /^(from|to|since|until)$|At$|date/i.test(name)) options.push(dateText, dateText);
  if (schema.format === "uri" || /url/i.test(name)) {
    options.push(
      fc.constantFrom(
        "https://127.0.0.1:9/fuzz",
        "https://127.0.0.1:9/\u0000",
        "https://[::1]:9/fuzz",
        "https://xn--nxa.invalid/",
        "https://例え.テスト/",
        "https://127.0.0.1:99999/",
        "https://user:pw@127.0.0.1/",
        "http://127.0.0.1:9/",
        "javascript:alert(1)",
        "https://",
        "https://%ff/",
        "https://127.0.0.1:9/" + "a".repeat(2100),
      ),
      nastyText.map((t) => `https://127.0.0.1:9/${t}`),
      nastyText.map((t) => `https://${t}/`),
    );
  }
  return fc.oneof(...options);
}

/** A JSON value for `schema`: mostly the right shape with hostile contents, sometimes the wrong type. */
export function jsonFor(
  document: unknown,
  schema: Schema,
  name: string,
  secrets: fc.Arbitrary<unknown>,
  depth = 0,
): fc.Arbitrary<unknown> {
  const s = resolveRef<Schema>(document, schema) ?? {};
  const alternatives = [...(s.anyOf ?? []), ...(s.oneOf ?? []), ...(s.allOf ?? [])];
  const right: fc.Arbitrary<unknown>[] = [];
  if (s.enum?.length) {
    const values = s.enum;
    right.push(
      fc.constantFrom(...values),
      fc.constantFrom(...values).map((v) => (typeof v === "string" ? v.toLowerCase() : v)),
      fc.constantFrom(...values).chain((v) => nastyText.map((t) => `${String(v)}${t}`)),
    );
  }
  if (s.const !== undefined) right.push(fc.constant(s.const));
  for (const alternative of alternatives) right.push(jsonFor(document, alternative, name, secrets, depth + 1));
  const types = Array.isArray(s.type) ? s.type : s.type ? [s.type] : [];
  for (const type of types) {
    if (type === "string") right.push(stringValue(s, name, secrets));
    if (type === "integer" || type === "number") right.push(jsonNumber);
    if (type === "boolean") right.push(fc.boolean());
    if (type === "null") right.push(fc.constant(null));
    if (type === "array" && depth < 4) {
      const item = s.items ? jsonFor(document, s.items, name, secrets, depth + 1) : anyJson;
      const most = Math.min((s.maxItems ?? 5) + 1, 25);
      right.push(fc.array(item, { maxLength: most }), fc.array(item, { minLength: most, maxLength: most }));
    }
    if (type === "object" && depth < 4) right.push(objectFor(document, s, secrets, depth));
  }
  if (!types.length && s.properties && depth < 4) right.push(objectFor(document, s, secrets, depth));
  if (right.length === 0) return anyJson;
  return fc.oneof({ weight: 5, arbitrary: fc.oneof(...right) }, { weight: 1, arbitrary: anyJson });
}

function objectFor(
  document: unknown,
  schema: Schema,
  secrets: fc.Arbitrary<unknown>,
  depth: number,
): fc.Arbitrary<unknown> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, property] of Object.entries(schema.properties ?? {}))
    model[key] = jsonFor(document, property, key, secrets, depth + 1);
  return fc
    .tuple(
      fc.record(model, { requiredKeys: [] }),
      fc.oneof(
        { weight: 4, arbitrary: fc.constant({}) },
        {
          weight: 1,
          arbitrary: fc.dictionary(
            fc.oneof(nastyText, fc.constantFrom("__proto__", "constructor", "API_Key")),
            anyJson,
            { maxKeys: 3 },
          ),
        },
      ),
    )
    .map(([known, extra]) => ({ ...extra, ...known }));
}

/** An ordinary value for a field, so that a body is valid apart from the one field a case makes hostile. */
function saneFor(document: unknown, schema: Schema, name: string): fc.Arbitrary<unknown> {
  const s = resolveRef<Schema>(document, schema) ?? {};
  if (s.enum?.length) return fc.constantFrom(...s.enum);
  const alternative = [...(s.anyOf ?? []), ...(s.oneOf ?? [])].find(
    (a) => resolveRef<Schema>(document, a).type !== "null",
  );
  if (alternative) return saneFor(document, alternative, name);
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (type === "integer" || type === "number") return fc.constant(1);
  if (type === "boolean") return fc.constant(false);
  if (type === "array") return fc.constant([]);
  if (type === "object" || s.properties) return saneObject(document, s);
  if (/url/i.test(name)) return fc.constant("https://127.0.0.1:9/fuzz");
  if (name === "grant_type") return fc.constant("client_credentials");
  if (name === "client_id") return fc.constant("kwc_fuzz");
  // Unique enough that creating records does not stop at "already exists".
  return fc
    .noShrink(fc.string({ unit: fc.constantFrom(...BASE62_CHARS), minLength: 6, maxLength: 6 }))
    .map((suffix) => `fuzz ${suffix}`);
}

function saneObject(document: unknown, schema: Schema): fc.Arbitrary<Record<string, unknown>> {
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of schema.required ?? []) model[name] = saneFor(document, schema.properties?.[name] ?? {}, name);
  return fc.record(model);
}

/**
 * A body that is valid but for one field, which gets a hostile value of (mostly) the right type: this is what
 * reaches the service and the database rather than stopping at validation.
 */
function oneHostileField(
  document: unknown,
  schema: Schema,
  secrets: fc.Arbitrary<unknown>,
): fc.Arbitrary<unknown> | null {
  const s = resolveRef<Schema>(document, schema) ?? {};
  const properties = Object.entries(s.properties ?? {});
  if (properties.length === 0) return null;
  return fc.oneof(
    ...properties.map(([name, property]) =>
      fc
        .tuple(saneObject(document, s), jsonFor(document, property, name, secrets, 1))
        .map(([sane, value]) => ({ ...sane, [name]: value })),
    ),
  );
}

// ── Bodies ──────────────────────────────────────────────────────────────────────────────────────────────────

const BROKEN_JSON = [
  "",
  " ",
  "{",
  "}",
  "[",
  '{"a":',
  '{"a" 1}',
  "{'a':1}",
  "{a:1}",
  "[1,]",
  '{"a":1,}',
  "nul",
  "tru",
  '"unterminated',
  '"\\u12"',
  '"\\x41"',
  '"\\ud800"',
  '{"a":1}{"b":2}',
  "/* comment */{}",
  "{}//",
  "\ufeff{}",
  "NaN",
  "-",
  "01",
  "1e",
  ".5",
  "+1",
  '{"__proto__":{"polluted":1}}',
  '{"constructor":{"prototype":{"polluted":1}}}',
  '{"name":"a","name":"b"}',
  "null",
  "[]",
  "true",
  "1",
  '"text"',
  '{"name":"\\u0000"}',
  '{"\\u0000":1}',
];

/** Text that is JSON almost: literals that are not, and JSON of the schema cut short or with a character inserted. */
function brokenJson(value: fc.Arbitrary<unknown>): fc.Arbitrary<Payload> {
  return fc.oneof(
    fc.constantFrom(...BROKEN_JSON).map((v): Payload => ({ t: "text", v })),
    fc
      .tuple(value, fc.nat(), fc.constantFrom("", "\u0000", "}", "]", '"', ",", "\\", "\ud800", "\u2028"))
      .map(([v, at, insert]): Payload => {
        const json = JSON.stringify(v) ?? "null";
        const cut = at % (json.length + 1);
        return { t: "text", v: `${json.slice(0, cut)}${insert}${insert ? json.slice(cut) : ""}` };
      }),
  );
}

/** Content types a JSON or form route may be sent: wrong, odd, with parameters, or carrying unicode. */
const CONTENT_TYPES = [
  "application/json",
  "application/json; charset=utf-8",
  "application/json; charset=utf-16",
  "application/json; charset=\u00e9",
  "APPLICATION/JSON",
  "application/json, text/plain",
  "application/problem+json",
  "application/vnd.api+json",
  "application/x-www-form-urlencoded",
  "application/x-www-form-urlencoded; charset=iso-8859-1",
  "multipart/form-data",
  "multipart/form-data; boundary=x",
  "text/plain",
  "text/plain; charset=utf-8",
  "text/html",
  "application/xml",
  "application/octet-stream",
  "image/png",
  "*/*",
  "",
  "json",
  ";",
  "application/json;;;",
  "application/jsön",
  "💩/💩",
];

const contentType = fc.oneof(
  { weight: 5, arbitrary: fc.constantFrom(...CONTENT_TYPES) },
  { weight: 1, arbitrary: headerText },
);

/** Invalid UTF-8 and control bytes, alone or inside JSON-looking text. */
const hostileBytes = fc.oneof(
  fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 1, maxLength: 64 }),
  fc.constantFrom<number[]>(
    [0xff],
    [0xfe, 0xff, 0x00, 0x7b],
    [0xc0, 0x80],
    [0xed, 0xa0, 0x80],
    [0xf4, 0x90, 0x80, 0x80],
    [0x00, 0x00],
  ),
  fc
    .array(fc.integer({ min: 0x80, max: 0xff }), { minLength: 1, maxLength: 4 })
    .map((bytes) => [...Buffer.from('{"name":"'), ...bytes, ...Buffer.from('"}')]),
);

const MiB = 1024 * 1024;
const bigPayload: fc.Arbitrary<Payload> = fc.record({
  t: fc.constant("big" as const),
  size: fc.constantFrom(MiB - 1, MiB + 1, 1.5 * MiB, 2 * MiB, 5 * MiB),
  fill: fc.constantFrom("x" as const, "json" as const, "nul" as const),
});

const framing = fc.constantFrom("length" as const, "chunked" as const, "chunked+length" as const);

// ── Credentials ─────────────────────────────────────────────────────────────────────────────────────────────

const VIAS: Via[] = [
  "bearer",
  "x-api-key",
  "x-apikey",
  "query:apiKey",
  "query:key",
  "form:key",
  "json:API_Key",
  "basic",
];
const SCHEMES = [
  "Bearer ",
  "Bearer ",
  "bearer ",
  "BEARER ",
  "Bearer  ",
  "Bearer\t",
  "Bearer",
  "Basic ",
  "Token ",
  "",
  " Bearer ",
  "Bearer →",
];

/**
 * Credential values: the run's real secrets (`secret:*` refs), values in Keyward's formats that were never
 * issued, real secrets spoilt, and junk.
 */
export function credentialValues(secretRefs: string[]): fc.Arbitrary<CredentialValue> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.constantFrom(...secretRefs).map((v): CredentialValue => ({ t: "ref", v })) },
    {
      weight: 2,
      arbitrary: fc
        // The random part says nothing; shrinking it character by character would only cost requests.
        .record({
          prefix: fc.constantFrom("kwak_", "kwpk_", "kwat_", "kwcs_"),
          random: fc.noShrink(fc.string({ unit: fc.constantFrom(...BASE62_CHARS), minLength: 30, maxLength: 30 })),
        })
        .map(({ prefix, random }): CredentialValue => ({ t: "unknown", prefix, random })),
    },
    {
      weight: 2,
      arbitrary: fc
        .record({
          v: fc.constantFrom(...secretRefs),
          how: fc.constantFrom(
            "checksum" as const,
            "case" as const,
            "spaces" as const,
            "ellipsis" as const,
            "truncated" as const,
            "nul" as const,
            "twice" as const,
          ),
        })
        .map(({ v, how }): CredentialValue => ({ t: "spoilt", v, how })),
    },
    { weight: 2, arbitrary: headerText.map((v): CredentialValue => ({ t: "text", v })) },
  );
}

function credential(values: fc.Arbitrary<CredentialValue>, vias: Via[] = VIAS): fc.Arbitrary<Credential> {
  return fc
    .record({
      via: fc.constantFrom(...vias),
      scheme: fc.oneof(fc.constantFrom(...SCHEMES), fc.constantFrom("kwc_fuzz", "", "a:b", "→")),
      value: values,
    })
    .map((c) => ({
      ...c,
      // `scheme` is the Authorization scheme for bearer and the user for basic; other transports ignore it.
      scheme: c.via === "bearer" || c.via === "basic" ? c.scheme : "",
    }));
}

// ── Headers ─────────────────────────────────────────────────────────────────────────────────────────────────

const HEADER_NAMES = [
  "Host",
  "X-Keyward-Account",
  "User-Agent",
  "X-Forwarded-For",
  "X-Real-IP",
  "Accept",
  "Accept-Language",
  "Accept-Encoding",
  "Authorization",
  "X-API-Key",
  "X-ApiKey",
  "Origin",
  "Referer",
  "Forwarded",
  "X-Forwarded-Host",
  "X-Forwarded-Proto",
  "Range",
  "If-None-Match",
  "If-Modified-Since",
  "Content-Encoding",
  "Expect",
  "Cookie",
];
/** Headers Next.js reads on pages: the router state, React Server Component requests, server actions. */
const NEXT_HEADERS = [
  "RSC",
  "Next-Router-State-Tree",
  "Next-Router-Prefetch",
  "Next-Url",
  "Next-Action",
  "Next-Router-Segment-Prefetch",
];

function headerArb(names: string[]): fc.Arbitrary<Header> {
  return fc.record({ name: fc.constantFrom(...names), value: headerText, latin1: fc.boolean() });
}

// ── Cases ───────────────────────────────────────────────────────────────────────────────────────────────────

export interface CaseOptions {
  document: unknown;
  /** `secret:*` refs of real credentials the cases may use. */
  secretRefs: string[];
  /** The credential (a `secret:*` ref) that holds the policy an operation needs. */
  credentialFor: (target: ApiTarget) => string | null;
  /** The ref (`id:*`) of a real record for a path parameter, so that the rest of a case reaches the handler. */
  idFor: (target: ApiTarget, param: string) => string;
}

type Aspect = [name: string, weight: number, arbitrary: fc.Arbitrary<Partial<FuzzCase>>];

function oneAspect(base: FuzzCase, aspects: Aspect[]): fc.Arbitrary<FuzzCase> {
  return fc.oneof(
    ...aspects
      .filter(([, weight]) => weight > 0)
      .map(([aspect, weight, arbitrary]) => ({
        weight,
        arbitrary: arbitrary.map((change): FuzzCase => ({ ...base, aspect, ...change })),
      })),
  );
}

function pathSegments(template: string, param: (name: string, index: number) => Piece[]): Piece[][] {
  let index = 0;
  return template
    .split("/")
    .slice(1)
    .map((segment) => {
      const match = /^\{(.+)\}$/.exec(segment);
      return match ? param(match[1]!, index++) : text(segment);
    });
}

/** Inserts junk segments (traversal, escapes, raw bytes, empty) somewhere in the path. */
function mangledSegments(segments: Piece[][]): fc.Arbitrary<Partial<FuzzCase>> {
  const junk = fc.oneof(
    fc.constantFrom<Piece[]>(
      text(".."),
      text("."),
      [],
      [{ t: "esc", v: "%2e%2e" }],
      [{ t: "esc", v: "%2f" }],
      [{ t: "raw", v: ".." }],
      [{ t: "raw", v: "." }],
    ),
    malformedPieces,
  );
  return fc
    .record({ at: fc.nat(), extra: fc.array(junk, { minLength: 1, maxLength: 3 }), replace: fc.boolean() })
    .map(({ at, extra, replace }) => {
      const i = at % (segments.length + 1);
      return { segments: [...segments.slice(0, i), ...extra, ...segments.slice(replace ? i + 1 : i)] };
    });
}

/**
 * The request target written another way (RFC 9112 §3.2): a whole URL naming this server, another host, no host or a
 * malformed one; or `*`, which names no resource.
 */
const targetForms: fc.Arbitrary<Partial<FuzzCase>> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc
      .record({
        scheme: fc.constantFrom("http", "https", "HTTP", "ws", "x-y"),
        authority: fc.oneof(
          { weight: 3, arbitrary: fc.constant(null) },
          {
            weight: 2,
            arbitrary: fc
              .constantFrom("keyward.example", "", "user:pw@keyward.example", "[::1]:3000", "256.1.1.1", "keyward.example:99999")
              .map((v): Piece[] => [{ t: "raw", v }]),
          },
          { weight: 1, arbitrary: malformedPieces },
        ),
      })
      .map(({ scheme, authority }) => ({ form: { t: "absolute" as const, scheme, authority } })),
  },
  { weight: 1, arbitrary: fc.constant({ form: { t: "asterisk" as const } }) },
);

function apiCases(target: ApiTarget, options: CaseOptions): fc.Arbitrary<FuzzCase> {
  const { document } = options;
  const values = credentialValues(options.secretRefs);
  const secretRef = fc.constantFrom(...options.secretRefs).map(($ref) => ({ $ref }));
  const secretJson = fc.oneof(
    secretRef,
    secretRef,
    nastyText,
    fc.constantFrom("kwak_", "kwpk_x", "kwak_" + "A".repeat(36)),
  );
  const best = options.credentialFor(target);
  const segments = pathSegments(target.template, (name) => [{ t: "ref", v: options.idFor(target, name) }]);
  const isForm = target.body?.mediaType === "application/x-www-form-urlencoded";
  const bodyValue = target.body ? jsonFor(document, target.body.schema, "body", secretJson) : anyJson;

  // Form operations (OAuth) get their required fields with ordinary values, so other aspects reach client authentication.
  const formDefaults = (): Body["payload"] => {
    const schema = resolveRef<Schema>(document, target.body!.schema);
    const fields = Object.entries(schema.properties ?? {})
      .filter(([name]) => name === "grant_type" || name === "token")
      .map(([name, property]) => ({
        name: text(name),
        value: text(String(resolveRef<Schema>(document, property).enum?.[0] ?? "kwat_fuzz")),
      }));
    return { t: "form", fields };
  };
  const defaultBody: Body | null = !target.body
    ? null
    : {
        contentType: target.body.mediaType,
        framing: "length",
        chunk: 0,
        payload: isForm ? formDefaults() : { t: "json", v: {} },
      };
  const base: FuzzCase = {
    target: target.key,
    aspect: "",
    method: target.method,
    segments,
    query: [],
    headers: [],
    credentials: best ? [{ via: "x-api-key", scheme: "", value: { t: "ref", v: best } }] : [],
    session: false,
    body: defaultBody,
  };

  const withPayload = (
    payload: fc.Arbitrary<Payload>,
    type: fc.Arbitrary<string | null> = fc.constant(target.body?.mediaType ?? "application/json"),
  ) =>
    fc
      .record({ payload, contentType: type, framing: fc.constant("length" as const), chunk: fc.constant(0) })
      .map((body) => ({ body }));

  const formFields = (() => {
    const schema = target.body ? resolveRef<Schema>(document, target.body.schema) : {};
    const names = Object.keys(schema.properties ?? {});
    const field = fc.record({
      name: fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...names, "key", "grant_type").map(text) },
        { weight: 1, arbitrary: malformedPieces },
      ),
      value: fc.oneof(
        {
          weight: 3,
          arbitrary: stringValue({}, "client_secret", secretRef).map((v): Piece[] =>
            v && typeof v === "object" && "$ref" in v ? [{ t: "ref", v: String(v.$ref) }] : text(String(v)),
          ),
        },
        {
          weight: 2,
          arbitrary: fc
            .constantFrom("client_credentials", "password", "refresh_token", "kwc_fuzz", "access_token")
            .map(text),
        },
        { weight: 2, arbitrary: malformedPieces },
      ),
    });
    return fc.array(field, { maxLength: 6 }).map((fields): Payload => ({ t: "form", fields }));
  })();

  // Forms (OAuth): every field filled in as a client would (client_secret_post), one of them hostile.
  const formOneField = (() => {
    if (!isForm) return null;
    const schema = resolveRef<Schema>(document, target.body!.schema);
    const names = Object.keys(schema.properties ?? {});
    const filled = saneObject(document, {
      ...schema,
      required: names.filter((n) => n !== "scope" && n !== "token_type_hint"),
    });
    const hostile = fc.oneof(
      malformedPieces,
      nastyText.map(text),
      secretRef.map((r): Piece[] => [{ t: "ref", v: r.$ref }]),
    );
    return fc.oneof(
      ...names.map((name) =>
        fc.tuple(filled, hostile).map(
          ([sane, value]): Payload => ({
            t: "form",
            fields: [
              ...Object.entries(sane)
                .filter(([n]) => n !== name)
                .map(([n, v]) => ({ name: text(n), value: text(String(v)) })),
              { name: text(name), value },
            ],
          }),
        ),
      ),
    );
  })();
  const jsonOneField = !isForm && target.body ? oneHostileField(document, target.body.schema, secretJson) : null;

  const queryParams = target.query.map((p) => p.name);
  const queryValue = (name: string): fc.Arbitrary<Piece[]> => {
    const schema = target.query.find((p) => p.name === name)?.schema ?? {};
    return fc.oneof(
      {
        weight: 3,
        arbitrary: stringValue(resolveRef<Schema>(document, schema), name, fc.constant("")).map((v) => text(String(v))),
      },
      { weight: 1, arbitrary: numberText.map(text) },
      { weight: 1, arbitrary: malformedPieces },
    );
  };

  const aspects: Aspect[] = [
    [
      "body:schema",
      target.body ? 8 : 0,
      withPayload(isForm ? formFields : bodyValue.map((v): Payload => ({ t: "json", v }))),
    ],
    [
      "body:one-field",
      formOneField || jsonOneField ? 10 : 0,
      formOneField
        ? withPayload(formOneField)
        : jsonOneField
          ? withPayload(jsonOneField.map((v): Payload => ({ t: "json", v })))
          : fc.constant({}),
    ],
    ["body:broken-json", 5, withPayload(brokenJson(bodyValue), fc.constant("application/json"))],
    [
      "body:nested",
      3,
      withPayload(
        fc.record({
          t: fc.constant("nested" as const),
          depth: fc.oneof(fc.integer({ min: 1, max: 3000 }), fc.constantFrom(10_000, 30_000, 100_000, 300_000)),
          shape: fc.constantFrom("array" as const, "object" as const),
          within: fc.constantFrom(null, "name", "API_Key", "key", "url", "tags"),
        }),
        fc.constant("application/json"),
      ),
    ],
    [
      "body:text",
      4,
      withPayload(
        nastyText.map((v): Payload => ({ t: "text", v })),
        fc.constantFrom(
          "text/plain",
          "application/json",
          "application/x-www-form-urlencoded",
          "text/plain; charset=utf-8",
        ),
      ),
    ],
    [
      "body:bytes",
      3,
      withPayload(
        hostileBytes.map((v): Payload => ({ t: "bytes", v })),
        fc.constantFrom(
          "application/json",
          "application/x-www-form-urlencoded",
          "text/plain",
          "application/octet-stream",
        ),
      ),
    ],
    [
      "body:content-type",
      4,
      withPayload(isForm ? formFields : bodyValue.map((v): Payload => ({ t: "json", v })), contentType),
    ],
    [
      "body:oversized",
      1,
      fc
        .record({
          payload: bigPayload,
          contentType: fc.constantFrom(null, "application/json", "text/plain", "application/x-www-form-urlencoded"),
          framing,
          chunk: fc.constantFrom(1024, 16_384, 65_536),
        })
        .map((body) => ({ body })),
    ],
    [
      "body:chunked",
      3,
      fc
        .record({
          payload: isForm ? formFields : bodyValue.map((v): Payload => ({ t: "json", v })),
          contentType: fc.constant(target.body?.mediaType ?? "application/json"),
          framing,
          chunk: fc.integer({ min: 1, max: 32 }),
        })
        .map((body) => ({ body })),
    ],
    [
      "path:param",
      target.pathParams.length ? 8 : 0,
      fc
        .array(fc.oneof({ weight: 3, arbitrary: malformedPieces }, { weight: 1, arbitrary: nastyText.map(text) }), {
          minLength: target.pathParams.length,
          maxLength: target.pathParams.length,
        })
        .map((params) => ({
          segments: pathSegments(target.template, (_, i) => params[i] ?? []),
        })),
    ],
    ["path:segments", 3, mangledSegments(segments)],
    [
      "query:schema",
      queryParams.length ? 6 : 0,
      queryParams.length
        ? fc
            .array(
              fc
                .constantFrom(...queryParams)
                .chain((name) => queryValue(name).map((value): QueryParam => ({ name: text(name), value }))),
              { minLength: 1, maxLength: 6 },
            )
            .map((query) => ({ query }))
        : fc.constant({}),
    ],
    [
      "query:repeated",
      4,
      fc
        .record({
          name: queryParams.length
            ? fc.oneof(
                { weight: 3, arbitrary: fc.constantFrom(...queryParams) },
                { weight: 1, arbitrary: fc.constantFrom("apiKey", "key", "q") },
              )
            : fc.constantFrom("apiKey", "key", "limit", "cursor", "q"),
          values: fc.array(fc.oneof(fc.constantFrom("1", "a", "", "50", "acme").map(text), nastyText.map(text)), {
            minLength: 2,
            maxLength: 3,
          }),
        })
        .map(({ name, values: repeated }) => ({
          query: repeated.map((value): QueryParam => ({ name: text(name), value })),
        })),
    ],
    [
      "query:encoding",
      5,
      fc
        .array(
          fc.record({
            name: fc.oneof(fc.constantFrom(...queryParams, "apiKey", "key", "x").map(text), malformedPieces),
            value: fc.oneof(fc.constant(null), malformedPieces),
          }),
          { minLength: 1, maxLength: 4 },
        )
        .map((query) => ({ query })),
    ],
    [
      "header:unicode",
      6,
      fc
        .array(headerArb([...HEADER_NAMES, ...target.headers.map((h) => h.name)]), { minLength: 1, maxLength: 4 })
        .map((headers) => ({ headers })),
    ],
    [
      "header:repeated",
      2,
      fc
        .record({
          name: fc.constantFrom(
            "X-Keyward-Account",
            "X-Forwarded-For",
            "Content-Type",
            "Accept",
            "User-Agent",
            "X-API-Key",
          ),
          values: fc.array(headerText, { minLength: 2, maxLength: 3 }),
        })
        .map(({ name, values: repeated }) => ({
          headers: repeated.map((value) => ({ name, value, latin1: false })),
        })),
    ],
    [
      "credentials",
      9,
      fc.record({ credentials: fc.array(credential(values), { minLength: 1, maxLength: 4 }), session: fc.boolean() }),
    ],
    [
      "method",
      2,
      fc.record({
        method: fc.constantFrom(
          "GET",
          "HEAD",
          "POST",
          "PUT",
          "PATCH",
          "DELETE",
          "OPTIONS",
          "PROPFIND",
          "SEARCH",
          "TRACE",
          "get",
        ),
      }),
    ],
    ["target:form", 1, targetForms],
  ];
  return oneAspect(base, aspects);
}

/** Search parameters every console page may be sent, beyond those its own links use. */
const PAGE_PARAMS = [
  "q",
  "page",
  "cursor",
  "sort",
  "dir",
  "status",
  "tag",
  "policy",
  "key",
  "range",
  "role",
  "from",
  "to",
  "actor",
  "action",
  "limit",
  "callbackUrl",
  "error",
];

function pageCases(target: PageTarget): fc.Arbitrary<FuzzCase> {
  const segments = target.template
    .split("/")
    .slice(1)
    .map((segment, i) => (segment === "{id}" ? ([{ t: "ref", v: pageRef(target, i) }] as Piece[]) : text(segment)));
  // Mostly the page's own parameters (those its links and forms use), sometimes any of the console's.
  const anyName = fc.constantFrom(...new Set([...target.params, ...PAGE_PARAMS]));
  const names = target.params.length
    ? fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...target.params) }, { weight: 1, arbitrary: anyName })
    : anyName;
  const saneValue = fc.constantFrom(
    ...new Set([
      ...target.values,
      "a",
      "1",
      "2",
      "-1",
      "0",
      "",
      "desc",
      "asc",
      "active",
      "email",
      "4xx",
      "administrator",
    ]),
  );
  const base: FuzzCase = {
    target: target.key,
    aspect: "",
    method: "GET",
    segments,
    query: [],
    headers: [],
    credentials: [],
    session: true,
    body: null,
  };
  const value = fc.oneof(
    { weight: 2, arbitrary: saneValue.map(text) },
    { weight: 3, arbitrary: nastyText.map(text) },
    { weight: 1, arbitrary: dateText.map(text) },
  );
  const aspects: Aspect[] = [
    [
      "page:query",
      5,
      fc.array(fc.record({ name: names.map(text), value }), { minLength: 1, maxLength: 6 }).map((query) => ({ query })),
    ],
    [
      "page:repeated",
      4,
      fc
        .record({ name: names, values: fc.array(saneValue, { minLength: 2, maxLength: 3 }) })
        .map(({ name, values }) => ({ query: values.map((v): QueryParam => ({ name: text(name), value: text(v) })) })),
    ],
    [
      "page:encoding",
      4,
      fc
        .array(
          fc.record({
            name: fc.oneof(names.map(text), malformedPieces),
            value: fc.oneof(fc.constant(null), malformedPieces),
          }),
          { minLength: 1, maxLength: 4 },
        )
        .map((query) => ({ query })),
    ],
    ["page:path", segments.some((s) => s[0]?.t === "ref") ? 3 : 1, mangledSegments(segments)],
    [
      "page:path-id",
      segments.some((s) => s[0]?.t === "ref") ? 3 : 0,
      fc.array(fc.oneof(malformedPieces, nastyText.map(text)), { minLength: 4, maxLength: 4 }).map((ids) => {
        let i = 0;
        return { segments: segments.map((s) => (s[0]?.t === "ref" ? (ids[i++] ?? s) : s)) };
      }),
    ],
    [
      "page:headers",
      3,
      fc
        .array(headerArb([...HEADER_NAMES, ...NEXT_HEADERS]), { minLength: 1, maxLength: 3 })
        .map((headers) => ({ headers })),
    ],
    [
      "page:signed-out",
      2,
      fc
        .array(fc.record({ name: names.map(text), value: fc.oneof(value, malformedPieces) }), { maxLength: 3 })
        .map((query) => ({ query, session: false })),
    ],
    [
      "page:method",
      1,
      fc.record({
        method: fc.constantFrom("POST", "HEAD", "OPTIONS", "PUT", "DELETE", "TRACE"),
        body: fc.option(
          fc.record({
            payload: nastyText.map((v): Payload => ({ t: "text", v })),
            contentType: contentType,
            framing: fc.constant("length" as const),
            chunk: fc.constant(0),
          }),
          { nil: null },
        ),
      }),
    ],
    ["page:target-form", 1, targetForms],
  ];
  return oneAspect(base, aspects);
}

/**
 * Every target's cases in one arbitrary. API operations get most of the runs (they are cheap); console pages,
 * which render with the database and take several times longer, one in ten.
 */
export function fuzzCases(targets: Target[], options: CaseOptions): fc.Arbitrary<FuzzCase> {
  const apis = targets.filter((t): t is ApiTarget => t.kind === "api");
  const pages = targets.filter((t): t is PageTarget => t.kind === "page");
  return fc.oneof(
    ...apis.map((t) => ({ weight: 9 * Math.max(1, pages.length), arbitrary: apiCases(t, options) })),
    ...pages.map((t) => ({ weight: 1 * Math.max(1, apis.length), arbitrary: pageCases(t) })),
  );
}
