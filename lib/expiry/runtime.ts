import "server-only";
import { getDb } from "@/db/client";
import { classifyDatabaseError } from "@/lib/db-errors";
import { runExpiryJob } from "./job";

const EVERY_MS = 60_000;

interface ExpiryScheduler {
  timer: ReturnType<typeof setInterval>;
  running: Promise<unknown> | null;
}

const holder = globalThis as unknown as { __keywardExpiryJob?: ExpiryScheduler };

/**
 * Runs the expiry job every minute in this process, like the webhook worker: every instance schedules it, and the
 * job's advisory lock lets one of them do the work each time (lib/expiry/job.ts). A database outage skips a run.
 */
export function startExpiryJob(): void {
  if (holder.__keywardExpiryJob) return;
  const scheduler: ExpiryScheduler = { running: null, timer: setInterval(() => tick(scheduler), EVERY_MS) };
  scheduler.timer.unref?.();
  holder.__keywardExpiryJob = scheduler;
  tick(scheduler);
}

function tick(scheduler: ExpiryScheduler) {
  if (scheduler.running) return;
  scheduler.running = getDb()
    .then((db) => runExpiryJob(db))
    .catch((error: unknown) => {
      if (classifyDatabaseError(error) === "unavailable") return;
      console.error("[keyward] expiry job:", error instanceof Error ? error.message : error);
    })
    .finally(() => {
      scheduler.running = null;
    });
}

/** Shutdown: no new runs; waits for the one in progress, so the database is not closed under it. */
export async function stopExpiryJob(): Promise<void> {
  const scheduler = holder.__keywardExpiryJob;
  if (!scheduler) return;
  holder.__keywardExpiryJob = undefined;
  clearInterval(scheduler.timer);
  await scheduler.running;
}
