// The bench's limit: bare node:http answering GET /api/v1/me with the same hash and indexed lookup as the floor,
// nothing else. Started by bench/run.mjs with PORT, BENCH_PGLITE_DIR, BENCH_SECRET and BENCH_FILLER_KEYS.
import http from "node:http";
import { openKeyTable } from "./key-table.mjs";

const lookup = await openKeyTable(process.env.BENCH_PGLITE_DIR, process.env.BENCH_SECRET, Number(process.env.BENCH_FILLER_KEYS ?? 0));
http
  .createServer(async (request, response) => {
    const organization = await lookup(String(request.headers["x-api-key"] ?? ""));
    response.writeHead(organization ? 200 : 401, { "Content-Type": "application/json" });
    response.end(JSON.stringify(organization ? { organization } : { error: "unknown key" }));
  })
  .listen(Number(process.env.PORT), "127.0.0.1", () => console.log("limit ready"));
