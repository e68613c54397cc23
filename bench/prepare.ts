// Run by bench/run.mjs with the server stopped: migrates and seeds an embedded database, creates one API key for
// Acme, and prints its access code as JSON on stdout.
import { eq } from "drizzle-orm";
import { openEmbeddedDatabase } from "@/db/drivers";
import { migrateDatabase } from "@/db/migrate";
import { seedDemoData } from "@/db/seed";
import { users } from "@/db/schema";
import { generateSecret } from "@/lib/secrets";
import { createApiKey } from "@/lib/services/api-keys";
import { createApiKeySchema } from "@/lib/validators/api-keys";

const dir = process.argv[2];
if (!dir) throw new Error("usage: prepare.ts <pglite dir>");
const { db, close } = await openEmbeddedDatabase(dir);
try {
  await migrateDatabase(db, "pglite");
  await seedDemoData(db);
  const [admin] = await db.select().from(users).where(eq(users.email, "admin@acme.test"));
  const created = await createApiKey(
    db,
    { audit: { type: "user", id: admin!.id, label: admin!.name, organizationId: admin!.organizationId }, userId: admin!.id },
    createApiKeySchema.parse({ name: `Bench ${Date.now()}`, policies: ["users:read"] }),
    { ip: null, userAgent: "bench" },
  );
  if (!created.ok) throw new Error(created.message);
  // A well-formed access code (right prefix and checksum) that exists nowhere: the costly kind of invalid key.
  const unknown = generateSecret("access_code");
  process.stdout.write(JSON.stringify({ keyId: created.value.key.publicId, secret: created.value.code.secret, unknown }) + "\n");
} finally {
  await close();
}
