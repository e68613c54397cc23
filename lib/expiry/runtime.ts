import "server-only";
import { scheduleJob, stopJob } from "@/lib/jobs/schedule";
import { runExpiryJob } from "./job";

/**
 * Runs the expiry job every minute in this process, like the webhook worker: every instance schedules it, and the
 * job's advisory lock lets one of them do the work each time (lib/expiry/job.ts).
 */
export const startExpiryJob = () => scheduleJob("expiry", 60_000, (db) => runExpiryJob(db));

/** Shutdown: no new runs; waits for the one in progress. */
export const stopExpiryJob = () => stopJob("expiry");
