import { sql } from "drizzle-orm";
import { drizzle } from "drizzle-orm/postgres-js";
import { afterEach, describe, expect, it } from "vitest";
import { classifyDatabaseError } from "@/lib/db-errors";
import { createServerPool, serverOptions, type ServerPool } from "./server-pool";

const url = process.env.DATABASE_URL;
const pools: ServerPool[] = [];
afterEach(async () => {
  await Promise.all(pools.splice(0).map((pool) => pool.end()));
});

function open(...args: Parameters<typeof createServerPool>) {
  const pool = createServerPool(...args);
  pools.push(pool);
  return { pool, db: drizzle(pool.client) };
}

/** What Node does before its 'uncaughtException' handlers run (Next's logs and keeps serving). */
const emitUncaught = (error: Error) => (process.emit as (event: string, ...args: unknown[]) => boolean)("uncaughtExceptionMonitor", error, "uncaughtException");

const failureOf = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => error);

// The embedded database has no connections or pool: these run on PostgreSQL only, in `npm run test:db`.
if (!url) throw new Error("The pool tests need PostgreSQL: bash scripts/with-postgres.sh npm run test:db");

describe("the PostgreSQL pool", () => {
  it("bounds the wait for a connection when all are busy", async () => {
    const { db } = open(url!, { options: serverOptions({ max: 1 }), poolWaitMs: 200, log: () => {} });
    const busy = Promise.resolve(db.execute(sql`select pg_sleep(1)`));
    await new Promise((resolve) => setTimeout(resolve, 100)); // the sleep holds the only connection
    const started = Date.now();
    const error = await failureOf(db.execute(sql`select 1`));
    expect(Date.now() - started).toBeLessThan(900);
    expect(classifyDatabaseError(error)).toBe("unavailable");
    await busy;
    await expect(db.execute(sql`select 1`)).resolves.toBeDefined();
  });

  it("sets statement_timeout on every session, and a timed-out statement counts as unavailable", async () => {
    const { db } = open(url!, { options: serverOptions({ connection: { statement_timeout: 100 } }), log: () => {} });
    const [row] = await db.execute<{ statement_timeout: string }>(sql`show statement_timeout`);
    expect(row?.statement_timeout).toBe("100ms");
    expect(classifyDatabaseError(await failureOf(db.execute(sql`select pg_sleep(1)`)))).toBe("unavailable");
  });

  it("applies the app's bounds to every session", async () => {
    const { db } = open(url!, { log: () => {} });
    const [row] = await db.execute<{ s: string; i: string; a: string }>(
      sql`select current_setting('statement_timeout') s, current_setting('idle_in_transaction_session_timeout') i, current_setting('application_name') a`,
    );
    expect(row).toEqual({ s: "10s", i: "15s", a: "keyward" });
  });

  it("fails fast when nothing listens, instead of retrying with a growing back-off", async () => {
    const closed = new URL(url!);
    closed.port = "1";
    const { db } = open(closed.toString(), { log: () => {} });
    for (let i = 0; i < 5; i++) {
      const started = Date.now();
      expect(classifyDatabaseError(await failureOf(db.execute(sql`select 1`)))).toBe("unavailable");
      expect(Date.now() - started).toBeLessThan(2_000);
    }
  });

  it("replaces the whole pool when postgres.js reports a broken connection, and keeps serving", async () => {
    const messages: string[] = [];
    const { pool, db } = open(url!, { log: (m) => messages.push(m) });
    await db.execute(sql`select 1`);
    const broken = new TypeError("Cannot read properties of null (reading 'write')");
    broken.stack = `TypeError: ${broken.message}\n    at Immediate.nextWrite (/app/node_modules/postgres/src/connection.js:255:22)`;
    // As Node reports an exception thrown from postgres.js's setImmediate: nothing else can catch it.
    emitUncaught(broken);
    expect(pool.generation).toBe(1);
    expect(messages).toEqual([expect.stringMatching(/Replaced the database connection pool/)]);
    // drizzle's parsers came along: timestamps still arrive as strings drizzle maps, and queries run.
    const [row] = await db.execute<{ now: string }>(sql`select now()::text as now`);
    expect(row?.now).toMatch(/^\d{4}-/);
    // Any other uncaught TypeError leaves the pool alone.
    emitUncaught(new TypeError("something else"));
    expect(pool.generation).toBe(1);
  });
});
