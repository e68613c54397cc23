// Run by bench/run.mjs with the server stopped: migrates and seeds an embedded database, creates one API key for
// Acme (and one with a rate limit too high to reach, to measure what counting costs), and prints their access codes
// as JSON on stdout. With --large, the database also gets 100,000 other keys (each
// with an access code) and 1,000,000 access-log rows, to show whether the stored data's size slows a request.
import { eq, sql } from "drizzle-orm";
import { openEmbeddedDatabase } from "@/db/drivers";
import { migrateDatabase } from "@/db/migrate";
import { seedDemoData } from "@/db/seed";
import { apiKeys, users } from "@/db/schema";
import { generateSecret } from "@/lib/secrets";
import { createApiKey } from "@/lib/services/api-keys";
import { createApiKeySchema } from "@/lib/validators/api-keys";

const [dir, size] = process.argv.slice(2);
if (!dir) throw new Error("usage: prepare.ts <pglite dir> [--large]");
const { db, close } = await openEmbeddedDatabase(dir);
try {
  await migrateDatabase(db, "pglite");
  await seedDemoData(db);
  const [admin] = await db.select().from(users).where(eq(users.email, "admin@acme.test"));
  const author = { audit: { type: "user" as const, id: admin!.id, label: admin!.name, organizationId: admin!.organizationId }, userId: admin!.id };
  const makeKey = async (name: string) => {
    const made = await createApiKey(db, author, createApiKeySchema.parse({ name, policies: ["users:read"] }), { ip: null, userAgent: "bench" });
    if (!made.ok) throw new Error(made.message);
    return made.value;
  };
  const created = await makeKey(`Bench ${Date.now()}`);
  const limited = await makeKey(`Bench limited ${Date.now()}`);
  await db.update(apiKeys).set({ rateLimit: { requests: 1_000_000, per: "hour" } }).where(eq(apiKeys.publicId, limited.key.publicId));
  if (size === "--large") {
    const org = admin!.organizationId;
    await db.execute(sql`
      insert into api_keys (organization_id, public_id, name, policies)
      select ${org}, 'kwk_bench' || g, 'Bench filler ' || g, '{users:read}' from generate_series(1, 100000) g`);
    await db.execute(sql`
      insert into access_codes (api_key_id, secret_hash, display_prefix, expires_at)
      select id, encode(sha256(convert_to(public_id, 'UTF8')), 'hex'), 'kwak_bench', now() + interval '300 days'
      from api_keys where public_id like 'kwk_bench%'`);
    await db.execute(sql`
      insert into access_logs (organization_id, api_key_id, method, path, status, ip, duration_ms, created_at)
      select ${org}, k.id, 'GET', '/api/v1/me', 200, '198.18.0.1', 3, now() - g * interval '1 second'
      from generate_series(1, 1000000) g
      join (select id, row_number() over () - 1 as n from api_keys where public_id like 'kwk_bench%') k on k.n = g % 100000`);
    await db.execute(sql`analyze`);
  }
  // A well-formed access code (right prefix and checksum) that exists nowhere: the costly kind of invalid key.
  const unknown = generateSecret("access_code");
  process.stdout.write(JSON.stringify({ keyId: created.key.publicId, secret: created.code.secret, limited: limited.code.secret, unknown }) + "\n");
} finally {
  await close();
}
