// The one table the bench's comparators look keys up in: the SHA-256 of each key, indexed, as Keyward stores its
// access codes. Shared by the bare node:http limit and the blank Next.js floor so that both do the same work.
import { createHash } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";

export const hashKey = (key) => createHash("sha256").update(key, "utf8").digest("hex");

/**
 * Opens (creating on first use) the embedded database in `dir` holding `secret` and, for the large-database runs,
 * `filler` other keys. Resolves to a lookup: the key's organisation, or null.
 */
export async function openKeyTable(dir, secret, filler = 0) {
  const db = new PGlite(dir);
  await db.exec(`
    create table if not exists api_keys (
      id uuid primary key default gen_random_uuid(),
      organization_id uuid not null default gen_random_uuid(),
      secret_hash text not null unique
    )`);
  await db.query("insert into api_keys (secret_hash) values ($1) on conflict do nothing", [hashKey(secret)]);
  const { rows } = await db.query("select count(*)::int as n from api_keys");
  if (rows[0].n <= filler) {
    await db.query(
      "insert into api_keys (secret_hash) select encode(sha256(('filler-' || g)::bytea), 'hex') from generate_series(1, $1) g on conflict do nothing",
      [filler],
    );
  }
  return async (key) => {
    const result = await db.query("select organization_id from api_keys where secret_hash = $1", [hashKey(key)]);
    return result.rows[0]?.organization_id ?? null;
  };
}
