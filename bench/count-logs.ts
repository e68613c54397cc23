// Run by bench/run.mjs after the server has stopped: prints how many access-log entries reached the database.
import { count } from "drizzle-orm";
import { openEmbeddedDatabase } from "@/db/drivers";
import { accessLogs } from "@/db/schema";

const { db, close } = await openEmbeddedDatabase(process.argv[2]);
try {
  const [row] = await db.select({ n: count() }).from(accessLogs);
  process.stdout.write(`${row?.n ?? 0}\n`);
} finally {
  await close();
}
