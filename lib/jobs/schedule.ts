import "server-only";
import { getDb, type Db } from "@/db/client";
import { classifyDatabaseError } from "@/lib/db-errors";

interface Scheduled {
  timer: ReturnType<typeof setInterval>;
  running: Promise<unknown> | null;
}

// On globalThis: Next may load this module more than once, and each job must run once per process.
const holder = globalThis as unknown as { __keywardJobs?: Map<string, Scheduled> };
const jobs = (holder.__keywardJobs ??= new Map());

/**
 * Runs `run` now and every `everyMs` in this process, never two runs of one job at a time. Every instance schedules
 * its jobs; each job takes an advisory lock so that one instance at a time does the work. A database outage skips a
 * run; any other failure is logged and the next run tries again.
 */
export function scheduleJob(name: string, everyMs: number, run: (db: Db) => Promise<unknown>): void {
  if (jobs.has(name)) return;
  const job: Scheduled = { running: null, timer: setInterval(() => tick(name, job, run), everyMs) };
  job.timer.unref?.();
  jobs.set(name, job);
  tick(name, job, run);
}

function tick(name: string, job: Scheduled, run: (db: Db) => Promise<unknown>) {
  if (job.running) return;
  job.running = getDb()
    .then(run)
    .catch((error: unknown) => {
      if (classifyDatabaseError(error) === "unavailable") return;
      console.error(`[keyward] ${name} job:`, error instanceof Error ? error.message : error);
    })
    .finally(() => {
      job.running = null;
    });
}

/** Shutdown: no new runs; waits for the one in progress, so the database is not closed under it. */
export async function stopJob(name: string): Promise<void> {
  const job = jobs.get(name);
  if (!job) return;
  jobs.delete(name);
  clearInterval(job.timer);
  await job.running;
}
