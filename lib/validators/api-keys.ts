import { z } from "zod";
import { API_POLICY_NAMES, type ApiPolicy } from "@/lib/api-auth/policies";
import { parseAddress, parseAllowlistEntry } from "@/lib/http/address-allowlist";
import { rateLimitResponseSchema, rateLimitSchema } from "./rate-limits";
import { text } from "./text";

export const ACCESS_CODES_PER_KEY = 2;
export const MAX_CODE_VALIDITY_DAYS = 365;
/** About what a random 128-bit value takes when it is typed; the server then estimates its strength (zxcvbn). */
export const CUSTOM_KEY_MIN_LENGTH = 40;
export const CUSTOM_KEY_MAX_LENGTH = 200;

const unique = <T>(values: T[]) => [...new Set(values)];

const name = text().min(1, "Enter a name.").max(100, "Keep the name under 100 characters.");
const description = text({ multiline: true }).max(500, "Keep the description under 500 characters.");
const tags = z
  .array(
    text()
      .min(1, "A tag cannot be empty.")
      .max(40, "Keep each tag under 40 characters.")
      .regex(/^[^,]+$/, "A tag cannot contain a comma."),
  )
  .max(20, "Use at most 20 tags.")
  .transform(unique);
const policies = z
  .array(z.enum(API_POLICY_NAMES as [ApiPolicy, ...ApiPolicy[]], "Unknown policy."))
  .transform((list) => API_POLICY_NAMES.filter((p) => list.includes(p)));
const actsAsUserId = z
  .union([z.uuid("Choose a person of your organisation."), z.literal("")])
  .nullish()
  .transform((v) => v || null);

export const MAX_ALLOWED_IPS = 100;

/**
 * Allowed IP addresses: one per line in the Details form's textarea, an array in the API. Each line must be an
 * IPv4 or IPv6 address or a CIDR range; the message names the first bad line. Empty: any address.
 */
const allowedIps = z
  .union([z.string().max(10_000, "Keep the list under 10,000 characters."), z.array(z.string().max(100)).max(MAX_ALLOWED_IPS)], {
    error: "Send the allowed IP addresses as a list of addresses and CIDR ranges.",
  })
  .transform((value, ctx) => {
    const lines = (typeof value === "string" ? value.split(/\r?\n/) : value).map((line) => line.trim());
    for (const [index, line] of lines.entries()) {
      if (line === "" && typeof value === "string") continue;
      const { problem } = parseAllowlistEntry(line);
      if (problem) {
        const where = typeof value === "string" ? `Line ${index + 1}` : `Entry ${index + 1}`;
        ctx.addIssue({ code: "custom", message: `${where}, "${line.slice(0, 60)}", ${problem}.` });
        return z.NEVER;
      }
    }
    const entries = unique(lines.filter(Boolean));
    if (entries.length > MAX_ALLOWED_IPS) {
      ctx.addIssue({ code: "custom", message: `Use at most ${MAX_ALLOWED_IPS} addresses and ranges.` });
      return z.NEVER;
    }
    return entries;
  })
  .meta({
    description:
      "Addresses and CIDR ranges (IPv4 and IPv6) the key's access codes may be used from; empty allows any address.",
    example: ["203.0.113.7", "198.51.100.0/24", "2001:db8::/32"],
  });

const ALPHABETS = ["0123456789", "abcdefghijklmnopqrstuvwxyz"];

/** Each character the next (or previous) of the one before, in digits or letters, wrapping: `abcdef…`, `987654…`. */
function isSequence(value: string): boolean {
  const lower = value.toLowerCase();
  return ALPHABETS.some((alphabet) =>
    [1, -1].some((step) =>
      [...lower].every((char, i) => {
        const at = alphabet.indexOf(char);
        if (at < 0) return false;
        if (i === 0) return true;
        const before = alphabet.indexOf(lower[i - 1]!);
        return (before + step + alphabet.length) % alphabet.length === at;
      }),
    ),
  );
}

/** A short pattern repeated to fill the value: `abcabcabc…`, `password1password1…`. */
function repeatsShortPattern(value: string): boolean {
  for (let period = 2; period <= Math.floor(value.length / 3); period++) {
    const head = value.slice(0, period);
    if (head.repeat(Math.ceil(value.length / period)).startsWith(value)) return true;
  }
  return false;
}

/**
 * Why a custom key value is refused at a glance, or null (an Administrator may choose the value, e.g. to keep the
 * one an integration already sends). These checks run in the browser too; the server then estimates how guessable
 * the value is (at least 128 bits, see lib/api-keys/custom-value-strength.ts) and whether it can be used.
 */
export function customKeyValueProblem(value: string): string | null {
  if (value.length < CUSTOM_KEY_MIN_LENGTH) {
    return `A custom key value needs at least ${CUSTOM_KEY_MIN_LENGTH} characters; this one has ${value.length}.`;
  }
  if (value.length > CUSTOM_KEY_MAX_LENGTH) return `Keep the key value under ${CUSTOM_KEY_MAX_LENGTH} characters.`;
  if (!/^[\x21-\x7e]+$/.test(value)) return "Use printable characters only: no spaces, accents or control characters.";
  // The authenticator routes these prefixes to Keyward's own formats by checksum; a custom value may not pose as one.
  if (/^(kw[a-z]{2}|whsec)_/i.test(value)) return "A custom key value cannot start with a Keyward prefix such as kwak_.";
  if (new Set(value).size === 1) return "A custom key value cannot be one character repeated.";
  if (isSequence(value)) return "A custom key value cannot be a sequence such as abcdef… or 123456….";
  if (repeatsShortPattern(value)) return "A custom key value cannot be a short pattern repeated, such as abcabcabc….";
  if (new Set(value).size < 8) return "A custom key value needs at least 8 different characters.";
  return null;
}

export const createApiKeySchema = z
  .object({
    name,
    description: description.default(""),
    tags: tags.default([]),
    policies: policies.default([]),
    logRequests: z.boolean().default(false),
    logBodies: z.boolean().default(false),
    actsAsUserId,
    keyValue: z.enum(["generated", "custom"]).default("generated"),
    customValue: z.string().optional(),
  })
  .superRefine((input, ctx) => {
    if (input.keyValue !== "custom") return;
    const problem = customKeyValueProblem(input.customValue ?? "");
    if (problem) ctx.addIssue({ code: "custom", path: ["customValue"], message: problem });
  });
export type CreateApiKeyInput = z.input<typeof createApiKeySchema>;
export type CreateApiKeyData = z.output<typeof createApiKeySchema>;

const linkedPolicies = policies.refine((list) => list.length > 0, "Choose at least one policy: a linked key needs one.");

export const linkApiKeySchema = z.object({
  sourceKeyId: text().min(1, "Enter the API key ID to link.").max(100, "That is not an API key ID."),
  name: text().max(100, "Keep the name under 100 characters.").default(""),
  policies: linkedPolicies,
});
export type LinkApiKeyInput = z.input<typeof linkApiKeySchema>;
export type LinkApiKeyData = z.output<typeof linkApiKeySchema>;

export const updateApiKeySchema = z.object({
  name: name.optional(),
  description: description.optional(),
  tags: tags.optional(),
  policies: policies.optional(),
  logRequests: z.boolean().optional(),
  logBodies: z.boolean().optional(),
  actsAsUserId: actsAsUserId.optional(),
  allowedIps: allowedIps.optional(),
  rateLimit: rateLimitSchema.optional(),
});
export type UpdateApiKeyInput = z.input<typeof updateApiKeySchema>;
export type UpdateApiKeyData = z.output<typeof updateApiKeySchema>;

/** The console's Details form: every field present. */
export const editApiKeySchema = updateApiKeySchema.required({
  name: true,
  description: true,
  tags: true,
  policies: true,
  logRequests: true,
  logBodies: true,
});

/** The Details form of a linked key, which keeps at least one policy. */
export const editLinkedApiKeySchema = editApiKeySchema.extend({ policies: linkedPolicies });

export const keyIdSchema = z.string().regex(/^kwk_[A-Za-z0-9]{24}$/, "Unknown API key.");

export const createAccessCodeSchema = z.object({
  description: description.default(""),
  validDays: z.coerce
    .number("Enter a number of days.")
    .int("Enter a whole number of days.")
    .min(1, "A code is valid for at least 1 day.")
    .max(MAX_CODE_VALIDITY_DAYS, `A code is valid for at most ${MAX_CODE_VALIDITY_DAYS} days.`)
    .default(MAX_CODE_VALIDITY_DAYS),
});
export type CreateAccessCodeInput = z.input<typeof createAccessCodeSchema>;

/** An existing code's description, edited at its row; the secret and expiry never change. */
export const editAccessCodeSchema = z.object({ description });
export type EditAccessCodeInput = z.input<typeof editAccessCodeSchema>;

// ── API answers (`/api/v1/api-keys`, `/api/v1/keys/verify`): the routes build them through these types, and the
// OpenAPI document is generated from the same schemas.

const isoTime = z.iso.datetime();
const publicKeyId = z.string().meta({ description: "The key's public id (`kwk_…`).", example: "kwk_8fQ2mLx0pRr5sUv7wXy8zAb1" });

export const accessCodeResponseSchema = z
  .object({
    id: z.uuid(),
    description: z.string(),
    prefix: z.string().meta({ description: "The first characters of the secret, to recognise it.", example: "kwak_3fQ9xT2a" }),
    enabled: z.boolean(),
    expiresAt: isoTime,
    createdAt: isoTime,
    lastUsedAt: isoTime.nullable(),
  })
  .meta({ id: "AccessCode" });

export const apiKeyResponseSchema = z
  .object({
    id: publicKeyId,
    name: z.string(),
    description: z.string(),
    tags: z.array(z.string()),
    policies: z.array(z.string()).meta({ example: ["users:read", "keys:read"] }),
    logRequests: z.boolean(),
    logBodies: z.boolean(),
    actsAsUser: z.object({ id: z.uuid(), email: z.string() }).nullable(),
    allowedIps: z.array(z.string()).meta({
      description: "Addresses and CIDR ranges the key's access codes may be used from; empty: any address.",
    }),
    rateLimit: rateLimitResponseSchema,
    linkedKeyId: z.string().nullable().meta({ description: "For a linked key: the source key's id in the other organisation." }),
    status: z.enum(["active", "archived"]),
    createdAt: isoTime,
    archivedAt: isoTime.nullable(),
    lastUsedAt: isoTime.nullable(),
    accessCodes: z.array(accessCodeResponseSchema),
  })
  .meta({ id: "ApiKey" });
export type ApiKeyResponse = z.infer<typeof apiKeyResponseSchema>;

export const apiKeySummarySchema = z
  .object({
    id: publicKeyId,
    name: z.string(),
    description: z.string(),
    tags: z.array(z.string()),
    policies: z.array(z.string()),
    linked: z.boolean(),
    status: z.enum(["active", "archived"]),
    accessCodes: z.int().meta({ description: "How many access codes the key has (at most 2)." }),
    createdAt: isoTime,
    archivedAt: isoTime.nullable(),
    lastUsedAt: isoTime.nullable(),
  })
  .meta({ id: "ApiKeySummary" });
export type ApiKeySummary = z.infer<typeof apiKeySummarySchema>;

export const createdApiKeySchema = z
  .object({
    apiKey: apiKeyResponseSchema,
    accessCode: z.object({
      id: z.uuid(),
      prefix: z.string(),
      expiresAt: isoTime,
      secret: z.string().meta({ description: "The access code's secret: in this answer only, never again." }),
    }),
  })
  .meta({ id: "CreatedApiKey" });
export type CreatedApiKey = z.infer<typeof createdApiKeySchema>;

export const verifyKeyRequestSchema = z
  .object({
    // Any string is a value the gateway's caller sent, so it is answered (an empty or overlong one is NOT_FOUND);
    // only a request without one is malformed.
    key: z.string('Send the access code as "key", a string.').meta({
      description: "The access code to check, as the gateway's caller sent it.",
      example: "kwak_3fQ9xT2aLm0pRr5sUv7wXy8zAb1cDe2fGh3iJk",
    }),
    ip: z
      .string('Send the caller\'s address as "ip", such as 203.0.113.7.')
      .max(100)
      .refine((value) => parseAddress(value) !== null, 'Send the caller\'s address as "ip": an IPv4 or IPv6 address such as 203.0.113.7.')
      .optional()
      .meta({
        description:
          "The address the gateway's caller connects from. With it, a key with allowed IP addresses is valid only from one of them (code `IP_NOT_ALLOWED` otherwise); without it, the allowlist is not checked.",
        example: "203.0.113.7",
      }),
  })
  .meta({ id: "VerifyKeyRequest" });

export const verifyKeyResponseSchema = z
  .union([
    z.object({
      valid: z.literal(true),
      keyId: publicKeyId,
      organization: z.object({ id: z.uuid(), slug: z.string(), name: z.string() }),
      policies: z.array(z.string()),
      expiresAt: isoTime,
    }),
    z.object({
      valid: z.literal(false),
      code: z.enum(["NOT_FOUND", "DISABLED", "EXPIRED", "ARCHIVED", "IP_NOT_ALLOWED"]),
      expiresAt: isoTime.optional().meta({ description: "With `EXPIRED`: when the access code expired." }),
    }),
  ])
  .meta({ id: "VerifyKeyResult" });
export type VerifyKeyResult = z.infer<typeof verifyKeyResponseSchema>;
