// Run by faults/run.mjs before the instances start: migrates and seeds the PostgreSQL database in DATABASE_URL,
// allows write policies for Acme, and creates what the scenarios use. Prints them as JSON on stdout:
// - an API key whose code writes API keys and logs every request with its bodies,
// - a webhook of Ada Admin on ApiKey Update events (changing that key's description makes one), sent to the suite's
//   receiver (argv[2]); the many keys the other scenarios create send nothing.
import { eq } from "drizzle-orm";
import { closeDb, migrateProcessDatabase } from "@/db/client";
import { organizations, users } from "@/db/schema";
import { seedDemoData } from "@/db/seed";
import { createApiKey } from "@/lib/services/api-keys";
import { createWebhook } from "@/lib/services/webhooks";
import { createApiKeySchema } from "@/lib/validators/api-keys";
import { webhookKey } from "@/lib/webhooks/secret-box";

const receiverUrl = process.argv[2];
const authSecret = process.env.AUTH_SECRET;
if (!receiverUrl || !authSecret) throw new Error("usage: AUTH_SECRET=… prepare.ts <webhook receiver url>");

const { db } = await migrateProcessDatabase();
try {
  await seedDemoData(db);
  await db.update(organizations).set({ allowWritePolicies: true }).where(eq(organizations.slug, "acme"));
  const [admin] = await db.select().from(users).where(eq(users.email, "admin@acme.test"));
  const author = {
    audit: { type: "user" as const, id: admin!.id, label: admin!.name, organizationId: admin!.organizationId },
    userId: admin!.id,
  };
  const meta = { ip: null, userAgent: "fault suite" };
  const created = await createApiKey(
    db,
    author,
    createApiKeySchema.parse({
      name: `Faults ${Date.now()}`,
      policies: ["users:read", "keys:read", "keys:write"],
      logRequests: true,
      logBodies: true,
    }),
    meta,
  );
  if (!created.ok) throw new Error(created.message);
  const hook = await createWebhook(db, author, { url: receiverUrl, entity: "ApiKey", operationType: "Update" }, meta, {
    allowLoopback: true,
    secretKey: webhookKey(authSecret),
  });
  if (!hook.ok) throw new Error(hook.message);
  process.stdout.write(
    `${JSON.stringify({ keyId: created.value.key.publicId, apiKeyId: created.value.key.id, secret: created.value.code.secret, webhookId: hook.value.webhook.id })}\n`,
  );
} finally {
  await closeDb();
}
