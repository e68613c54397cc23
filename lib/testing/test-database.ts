import { randomBytes } from "node:crypto";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import type { Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { createPgliteClient } from "@/db/pglite-client";
import { createServerPool, serverOptions } from "@/db/server-pool";
import * as schema from "@/db/schema";

export interface TestDatabase {
  db: Db;
  driver: "pglite" | "postgres";
  close: () => Promise<void>;
}

/**
 * A fresh, migrated database for one test file: a throwaway database on the PostgreSQL server in DATABASE_URL
 * (dropped on close), or an in-memory PGlite without it. Database tests thus run unchanged on both drivers.
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const url = process.env.DATABASE_URL;
  if (!url) {
    const client = await createPgliteClient("memory://");
    const db = drizzlePglite(client, { schema }) as unknown as Db;
    await migrateDatabase(db, "pglite");
    return { db, driver: "pglite", close: () => client.close() };
  }
  const name = `keyward_t_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  const target = new URL(url);
  target.pathname = `/${name}`;
  // The app's own pool (bounded waits, statement timeout), so that database tests exercise it too.
  const pool = createServerPool(target.toString(), { options: serverOptions({ max: 5 }) });
  const db = drizzlePostgres(pool.client, { schema }) as unknown as Db;
  await migrateDatabase(db, "postgres");
  return {
    db,
    driver: "postgres",
    close: async () => {
      await pool.end();
      await admin.unsafe(`drop database if exists ${name}`);
      await admin.end({ timeout: 5 });
    },
  };
}
