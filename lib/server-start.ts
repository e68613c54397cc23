import "server-only";
import { getHandle } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { isEmpty, seedDemoData } from "@/db/seed";
import { authSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";
import { recordPeerAddresses } from "@/lib/http/peer-address";
import { startWebhookWorker } from "@/lib/webhooks/runtime";

/**
 * Runs once when the server starts, before it serves: validates the configuration, applies migrations and, on an
 * empty embedded database only, seeds the demo data. A DATABASE_URL database is never seeded implicitly.
 */
export async function prepareServer(): Promise<void> {
  env();
  authSecret();
  const { db, driver } = await getHandle();
  await migrateDatabase(db, driver);
  if (driver === "pglite" && (await isEmpty(db))) {
    await seedDemoData(db);
    console.info("[keyward] Seeded the demo organisations (password: keyward-demo).");
  }
}

/** prepareServer(), stopping the process with the cause if it fails: Next would otherwise answer every request 500. */
export async function startServer(): Promise<void> {
  try {
    // First, before anything is served: from here on every request's X-Forwarded-For ends with the real peer.
    recordPeerAddresses(env().KEYWARD_TRUSTED_PROXIES);
    await prepareServer();
    // Sends the webhook outbox; several instances may each run one (see lib/webhooks/worker.ts).
    await startWebhookWorker();
  } catch (error) {
    console.error("[keyward] Start-up failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
