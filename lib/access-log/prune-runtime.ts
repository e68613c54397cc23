import "server-only";
import { scheduleJob, stopJob } from "@/lib/jobs/schedule";
import { runPruneJob } from "./prune";

/** Every 15 minutes: a shorter Keep access logs for takes effect within the hour, without a run per request. */
export const startPruneJob = () => scheduleJob("access-log pruning", 15 * 60_000, (db) => runPruneJob(db));

export const stopPruneJob = () => stopJob("access-log pruning");
