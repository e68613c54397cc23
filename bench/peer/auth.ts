import { apiKey } from "@better-auth/api-key";
import { PGlite } from "@electric-sql/pglite";
import { betterAuth } from "better-auth";
import { getMigrations } from "better-auth/db/migration";
import { PGliteDialect } from "kysely-pglite-dialect";

/**
 * better-auth with its API-key plugin on an embedded PostgreSQL, as a Next.js team would set it up: keys hashed,
 * verified by the plugin, "last request" kept. Its per-key rate limit (10 a day by default) is off, since the bench
 * measures verification, not refusals.
 */
function createAuth() {
  return betterAuth({
    secret: "bench-only-secret-bench-only-secret",
    baseURL: "http://127.0.0.1",
    database: { dialect: new PGliteDialect(new PGlite(process.env.BENCH_PGLITE_DIR)), type: "postgres" },
    emailAndPassword: { enabled: true },
    telemetry: { enabled: false },
    plugins: [apiKey({ rateLimit: { enabled: false } })],
  });
}

let ready: Promise<ReturnType<typeof createAuth>> | undefined;

/** The instance, its tables created on first use. */
export function getAuth() {
  ready ??= (async () => {
    const auth = createAuth();
    const { runMigrations } = await getMigrations(auth.options);
    await runMigrations();
    return auth;
  })();
  return ready;
}
