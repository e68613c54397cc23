import { readdir, readFile } from "node:fs/promises";
import path from "node:path";

/**
 * The SQL of the migration whose file name ends with `nameEnd` (e.g. `_backfill_usage_rollups.sql`): by name, not
 * number, since a migration's number may change when branches are merged.
 */
export async function readMigration(nameEnd: string): Promise<string> {
  const folder = path.join(process.cwd(), "db", "migrations");
  const file = (await readdir(folder)).find((name) => name.endsWith(nameEnd));
  if (!file) throw new Error(`No migration ends with ${nameEnd}`);
  return readFile(path.join(folder, file), "utf8");
}
