import "server-only";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { env } from "@/lib/env";
import * as schema from "./schema";
import { openEmbeddedDatabase, openMigrationDatabase, openServerDatabase } from "./drivers";
import { migrateDatabase } from "./migrate";

/** One type for both drivers, so queries and services never know which one runs. */
export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
/** A handle that can run queries: the database itself or an open transaction. */
export type Executor = Db | Tx;

interface Handle {
  db: Db;
  driver: "pglite" | "postgres";
  close: () => Promise<void>;
}

// Kept on globalThis so dev-mode module reloads reuse the one open handle (PGlite allows one opener per dir).
const holder = globalThis as unknown as { __keywardDb?: Promise<Handle> };

/**
 * The process's database, opened on first use and never at import time: `next build` imports every route module,
 * and opening PGlite there would create or write the data dir during the build.
 */
export function getHandle(): Promise<Handle> {
  holder.__keywardDb ??= open().catch((error: unknown) => {
    holder.__keywardDb = undefined;
    throw error;
  });
  return holder.__keywardDb;
}

export async function getDb(): Promise<Db> {
  return (await getHandle()).db;
}

/**
 * Applies the migrations to the process's database: on PostgreSQL through a connection of its own without the
 * request statement timeout (db/drivers.ts), on the embedded database through the one open handle.
 */
export async function migrateProcessDatabase(): Promise<Handle> {
  const handle = await getHandle();
  const { DATABASE_URL } = env();
  if (handle.driver === "pglite" || !DATABASE_URL) {
    await migrateDatabase(handle.db, handle.driver);
    return handle;
  }
  const migration = openMigrationDatabase(DATABASE_URL);
  try {
    await migrateDatabase(migration.db, "postgres");
  } finally {
    await migration.close();
  }
  return handle;
}

export async function closeDb(): Promise<void> {
  const pending = holder.__keywardDb;
  holder.__keywardDb = undefined;
  if (pending) await (await pending).close();
}

async function open(): Promise<Handle> {
  const { DATABASE_URL, PGLITE_DATA_DIR } = env();
  if (DATABASE_URL) return { driver: "postgres", ...openServerDatabase(DATABASE_URL) };
  return { driver: "pglite", ...(await openEmbeddedDatabase(PGLITE_DATA_DIR)) };
}
