import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import { RETRY_AFTER_SECONDS } from "@/db/timeouts";
import { isDraining } from "@/lib/shutdown";
import type { HealthResponse } from "@/lib/validators/health";
import { otherMethods } from "@/lib/api/methods";

export const dynamic = "force-dynamic";

/** A load balancer's check runs every few seconds: an answer slower than this counts as "not answering". */
const CHECK_MS = 3_000;

/**
 * 200 only when this instance can query its database now, through the same pool as every request (so a pool whose
 * connections are broken or exhausted shows here too); 503 otherwise, and from SIGTERM on, so that the load
 * balancer stops sending requests to an instance that is draining.
 */
export async function GET() {
  if (isDraining()) return unavailable("This instance is shutting down.");
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    const query = getDb().then((db) => db.execute(sql`select 1`));
    const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), CHECK_MS)));
    if ((await Promise.race([query, late])) === "late") {
      query.catch(() => {});
      return unavailable(`The database did not answer within ${CHECK_MS / 1000} s.`);
    }
    return Response.json({ status: "ok" } satisfies HealthResponse, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return unavailable("The database is not answering.");
  } finally {
    clearTimeout(timer);
  }
}

function unavailable(detail: string) {
  return Response.json({ status: "unavailable", detail } satisfies HealthResponse, {
    status: 503,
    headers: { "Cache-Control": "no-store", "Retry-After": String(RETRY_AFTER_SECONDS) },
  });
}

export const { POST, PUT, PATCH, DELETE, OPTIONS } = otherMethods({ GET });
