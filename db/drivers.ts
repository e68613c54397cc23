import "server-only";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import * as schema from "./schema";
import type { Db } from "./client";
import { embeddedDataDir } from "./data-dir";
import { acquireDirLock } from "./dir-lock";

export function openServerDatabase(url: string): { db: Db; close: () => Promise<void> } {
  const sql = postgres(url, { max: 10, onnotice: () => {} });
  return { db: drizzlePostgres(sql, { schema }) as unknown as Db, close: () => sql.end({ timeout: 5 }) };
}

export async function openEmbeddedDatabase(configured: string | undefined) {
  const dataDir = embeddedDataDir(configured);
  let release = () => {};
  if (!dataDir.startsWith("memory://")) {
    // PGlite's own mkdir is not recursive.
    mkdirSync(path.dirname(dataDir), { recursive: true });
    // Two processes on one PGlite dir silently lose each other's writes: refuse the second one.
    release = acquireDirLock(dataDir);
  }
  try {
    const client = await PGlite.create(dataDir);
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
