import { openKeyTable } from "../../../../../key-table.mjs";

export const dynamic = "force-dynamic";

let table: ReturnType<typeof openKeyTable> | undefined;

/** The framework floor: what a blank Next.js route handler pays to hash a key and look it up once. */
export async function GET(request: Request): Promise<Response> {
  table ??= openKeyTable(process.env.BENCH_PGLITE_DIR, process.env.BENCH_SECRET, Number(process.env.BENCH_FILLER_KEYS ?? 0));
  const lookup = await table;
  const organization = await lookup(request.headers.get("x-api-key") ?? "");
  return organization ? Response.json({ organization }) : Response.json({ error: "unknown key" }, { status: 401 });
}
