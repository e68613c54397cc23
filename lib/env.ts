import "server-only";
import { z } from "zod";
import { parseTrustedProxies, type TrustedProxies } from "@/lib/http/client-address";
import { parsePartnerKeys } from "@/lib/secret-scanning/partner-keys";

const flag = z
  .enum(["0", "1", "true", "false"])
  .optional()
  .transform((v) => v === "1" || v === "true");

const trustedProxies = z
  .string()
  .optional()
  .transform((value, ctx): TrustedProxies => {
    try {
      return parseTrustedProxies(value);
    } catch (error) {
      ctx.addIssue({ code: "custom", message: (error as Error).message });
      return z.NEVER;
    }
  });

const wholeNumber = (min: number, max: number, unit: string) =>
  z.coerce
    .number(`must be a whole number of ${unit}`)
    .int(`must be a whole number of ${unit}`)
    .min(min, `must be at least ${min} ${unit}`)
    .max(max, `must be at most ${max} ${unit}`);

const envSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    DATABASE_URL: z
      .url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// or postgresql:// URL" })
      .optional(),
    PGLITE_DATA_DIR: z.string().min(1).optional(),
    AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
    AUTH_OIDC_ISSUER: z.url().optional(),
    AUTH_OIDC_CLIENT_ID: z.string().min(1).optional(),
    AUTH_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
    AUTH_OIDC_NAME: z.string().min(1).default("Single sign-on"),
    KEYWARD_WEBHOOK_ALLOW_PRIVATE: flag,
    /**
     * The proxies in front of Keyward whose X-Forwarded-For hops are believed: a hop count or a list of addresses
     * and CIDR ranges. Unset: none, and the client's address is the connection's peer.
     */
    KEYWARD_TRUSTED_PROXIES: trustedProxies,
    /** Secret-scanning partners' ECDSA public keys (PEM, one after the other): their signed reports revoke leaks. */
    KEYWARD_SECRET_SCANNING_PUBLIC_KEYS: z
      .string()
      .optional()
      .transform((value, ctx) => {
        try {
          return parsePartnerKeys(value ?? "");
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
          return z.NEVER;
        }
      }),
    /** A console session ends this long after sign-in, however busy. */
    KEYWARD_SESSION_LIFETIME_HOURS: wholeNumber(1, 24 * 90, "hours").default(24 * 7),
    /** …and this long after its last request. */
    KEYWARD_SESSION_IDLE_MINUTES: wholeNumber(5, 24 * 60 * 90, "minutes").default(120),
    /** Seconds before each webhook retry, e.g. `5,300,1800`; tests use short ones to watch retries happen. */
    KEYWARD_WEBHOOK_RETRY_SCHEDULE: z
      .string()
      .regex(/^\d+(\.\d+)?(,\d+(\.\d+)?)*$/, "must be comma-separated seconds, such as 5,300,1800")
      .default("5,300,1800,7200,18000,36000")
      .transform((value) => value.split(",").map(Number)),
  })
  .superRefine((env, ctx) => {
    // A real server has no data dir of ours to keep a generated secret in: sessions would die with the process.
    if (env.NODE_ENV === "production" && env.DATABASE_URL && !env.AUTH_SECRET) {
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "is required with DATABASE_URL in production" });
    }
    if (env.KEYWARD_SESSION_IDLE_MINUTES > env.KEYWARD_SESSION_LIFETIME_HOURS * 60) {
      ctx.addIssue({
        code: "custom",
        path: ["KEYWARD_SESSION_IDLE_MINUTES"],
        message: "must not be longer than KEYWARD_SESSION_LIFETIME_HOURS",
      });
    }
    const oidc = [env.AUTH_OIDC_ISSUER, env.AUTH_OIDC_CLIENT_ID, env.AUTH_OIDC_CLIENT_SECRET];
    if (oidc.some(Boolean) && !oidc.every(Boolean)) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_OIDC_ISSUER"],
        message: "AUTH_OIDC_ISSUER, AUTH_OIDC_CLIENT_ID and AUTH_OIDC_CLIENT_SECRET must be set together",
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

/** Parses `source` and throws one error that names every bad variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  // Empty strings count as unset, as they do in most .env tooling.
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ""));
  const result = envSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join(".") || "(env)"}: ${i.message}`);
    throw new Error(`Invalid environment configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}

let cached: Env | undefined;

/** The validated environment, parsed once per process. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
