import { randomBytes } from "node:crypto";
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { afterAll, beforeAll } from "vitest";
import type { Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import * as schema from "@/db/schema";
import { createServerPool, serverOptions, type ServerPool } from "@/db/server-pool";

/**
 * Two app instances on one throwaway PostgreSQL database: each its own connection pool, as two servers behind a load
 * balancer would be. Only PostgreSQL has them, so `*.pg.test.ts` files run under `scripts/with-postgres.sh`.
 * Registers the file's beforeAll (create and migrate) and afterAll (drop); `first` and `second` are set from then on.
 */
export function postgresInstances(what: string): { first: Db; second: Db } {
  const url = process.env.DATABASE_URL;
  if (!url) throw new Error(`${what} need PostgreSQL: bash scripts/with-postgres.sh npm run test:db`);
  const name = `keyward_i_${randomBytes(6).toString("hex")}`;
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const pools: ServerPool[] = [];

  function instance(): Db {
    const target = new URL(url!);
    target.pathname = `/${name}`;
    const pool = createServerPool(target.toString(), { options: serverOptions({ max: 3 }) });
    pools.push(pool);
    return drizzle(pool.client, { schema }) as unknown as Db;
  }

  const instances = {} as { first: Db; second: Db };
  beforeAll(async () => {
    await admin.unsafe(`create database ${name}`);
    instances.first = instance();
    instances.second = instance();
    await migrateDatabase(instances.first, "postgres");
  }, 60_000);
  afterAll(async () => {
    await Promise.all(pools.map((pool) => pool.end()));
    await admin.unsafe(`drop database if exists ${name}`);
    await admin.end({ timeout: 5 });
  });
  return instances;
}
