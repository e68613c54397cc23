import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";
import { accessCodes } from "@/db/schema";
import { env } from "@/lib/env";
import { hashSecret } from "@/lib/secrets";

export const dynamic = "force-dynamic";

/**
 * The bench's floor: what any key check costs at least — hash the key, one indexed lookup. It exists only while
 * `npm run bench` runs (KEYWARD_BENCH_FLOOR=1, which a normal start never sets); otherwise 404.
 */
export async function GET(request: Request): Promise<Response> {
  if (!env().KEYWARD_BENCH_FLOOR) return new Response(null, { status: 404 });
  const key = request.headers.get("x-api-key") ?? "";
  const [row] = await (await getDb())
    .select({ id: accessCodes.id })
    .from(accessCodes)
    .where(eq(accessCodes.secretHash, hashSecret(key)));
  return row ? Response.json({ ok: true }) : Response.json({ ok: false }, { status: 401 });
}
