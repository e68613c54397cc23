import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import * as schema from "./schema";
import type { Db } from "./client";
import { embeddedDataDir } from "./data-dir";
import { createPgliteClient } from "./pglite-client";
import { acquireDirLock } from "./dir-lock";
import { createServerPool, serverOptions } from "./server-pool";

export interface OpenDatabase {
  db: Db;
  close: () => Promise<void>;
}

/**
 * The app's PostgreSQL pool, with the connect, statement and pool-wait bounds of db/timeouts.ts and recovery from
 * postgres.js's broken connections (db/server-pool.ts).
 */
export function openServerDatabase(url: string): OpenDatabase {
  const pool = createServerPool(url);
  return { db: drizzlePostgres(pool.client, { schema }) as unknown as Db, close: () => pool.end() };
}

/**
 * One connection for migrations: the same connect timeout, but no statement timeout, since building an index on
 * a large table may take longer than any request should.
 */
export function openMigrationDatabase(url: string): OpenDatabase {
  const pool = createServerPool(url, { options: serverOptions({ max: 1, connection: { application_name: "keyward-migrate" } }) });
  return { db: drizzlePostgres(pool.client, { schema }) as unknown as Db, close: () => pool.end() };
}

/**
 * The embedded database. It runs inside this process, so there is no connection to time out or pool to wait for,
 * and PGlite accepts `statement_timeout` but cannot enforce it (measured: a 2 s `pg_sleep` under a 500 ms timeout
 * completes): a slow statement delays this process only, never another instance.
 */
export async function openEmbeddedDatabase(configured: string | undefined): Promise<OpenDatabase> {
  const dataDir = embeddedDataDir(configured);
  let release = () => {};
  if (!dataDir.startsWith("memory://")) {
    // PGlite's own mkdir is not recursive.
    mkdirSync(path.dirname(dataDir), { recursive: true });
    // Two processes on one PGlite dir silently lose each other's writes: refuse the second one.
    release = acquireDirLock(dataDir);
  }
  try {
    const client = await createPgliteClient(dataDir);
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    return {
      db,
      close: async () => {
        await client.close();
        release();
      },
    };
  } catch (error) {
    release();
    throw error;
  }
}
