import "server-only";
import { closeDb, migrateProcessDatabase } from "@/db/client";
import { isEmpty, seedDemoData } from "@/db/seed";
import { startPruneJob, stopPruneJob } from "@/lib/access-log/prune-runtime";
import { drainAccessLog } from "@/lib/access-log/writer";
import { authSecret } from "@/lib/auth/secret";
import { env } from "@/lib/env";
import { startExpiryJob, stopExpiryJob } from "@/lib/expiry/runtime";
import { recordPeerAddresses } from "@/lib/http/peer-address";
import { guardRequestLines } from "@/lib/http/request-line-guard";
import { installShutdown } from "@/lib/shutdown";
import { startWebhookWorker, stopWebhookWorker } from "@/lib/webhooks/runtime";

/**
 * Runs once when the server starts, before it serves: validates the configuration, applies migrations and, on an
 * empty embedded database only, seeds the demo data. A DATABASE_URL database is never seeded implicitly.
 */
export async function prepareServer(): Promise<void> {
  env();
  authSecret();
  const { db, driver } = await migrateProcessDatabase();
  if (driver === "pglite" && (await isEmpty(db))) {
    await seedDemoData(db);
    console.info("[keyward] Seeded the demo organisations (password: keyward-demo).");
  }
}

/**
 * After the last request was answered (lib/shutdown.ts): the webhook worker hands back its claims, the access log and
 * "last used" updates are written and the expiry and pruning jobs' runs in progress end, then the database is closed (PGlite writes its files and frees the
 * data dir's lock).
 */
async function finalSteps(deadline: number): Promise<void> {
  const [released, log] = await Promise.all([stopWebhookWorker(), drainAccessLog(deadline), stopExpiryJob(), stopPruneJob()]);
  await closeDb().catch((error: unknown) => {
    console.error("[keyward] Closing the database failed:", error instanceof Error ? error.message : error);
  });
  const lost = log.remaining > 0 ? `; ${log.remaining} could not be written (the database is not answering)` : "";
  console.info(
    `[keyward] Shut down: ${log.written} access-log entries written while draining${lost}; ${released} webhook claims released.`,
  );
}

/** prepareServer(), stopping the process with the cause if it fails: Next would otherwise answer every request 500. */
export async function startServer(): Promise<void> {
  try {
    // First, before anything is served: from here on every request's X-Forwarded-For ends with the real peer.
    recordPeerAddresses(env().KEYWARD_TRUSTED_PROXIES);
    guardRequestLines();
    await prepareServer();
    installShutdown(finalSteps);
    // Sends the webhook outbox; several instances may each run one (see lib/webhooks/worker.ts).
    await startWebhookWorker();
    // Expiring / Expired notices; every instance schedules it, one at a time runs it (see lib/expiry/job.ts).
    startExpiryJob();
    // Deletes access-log entries older than each organisation's Keep access logs for (see lib/access-log/prune.ts).
    startPruneJob();
  } catch (error) {
    console.error("[keyward] Start-up failed:", error instanceof Error ? error.message : error);
    process.exit(1);
  }
}
