import { sql } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { HealthResponse } from "@/lib/validators/health";

export const dynamic = "force-dynamic";

/** 200 when the database answers a query, 503 otherwise: what a load balancer's health check needs. */
export async function GET() {
  try {
    const db = await getDb();
    await db.execute(sql`select 1`);
    return Response.json({ status: "ok" } satisfies HealthResponse, { headers: { "Cache-Control": "no-store" } });
  } catch {
    return Response.json(
      { status: "unavailable", detail: "The database is not answering." } satisfies HealthResponse,
      { status: 503, headers: { "Cache-Control": "no-store" } },
    );
  }
}
