import { connect, type Socket } from "node:net";
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

  it("replaces the pool when a connection is lost with a write still queued, which postgres.js would never send", async () => {
    // Every socket the pool opens, so that the test can close one the way a stopping server does.
    const sockets: Socket[] = [];
    const { hostname, port } = new URL(url!);
    const socket = () =>
      new Promise<Socket>((resolve, reject) => {
        const s = connect(Number(port || 5432), hostname, () => resolve(s)).once("error", reject);
        sockets.push(s);
      });
    const messages: string[] = [];
    // `socket` is an option of postgres.js that its types leave out.
    const options = serverOptions({ max: 1, connect_timeout: 1, socket } as Parameters<typeof serverOptions>[0]);
    const { pool, db } = open(url!, { options, log: (m) => messages.push(m) });
    await db.execute(sql`select 1`);
    // postgres.js sends a query's bytes from a setImmediate. Here the socket closes after the query is queued but
    // before that immediate runs, as when many sessions end at once: the close cancels the immediate but leaves it
    // recorded, so that connection never schedules a write again and its next connect waits for the timeout.
    const lost = await new Promise<unknown>((resolve) =>
      setImmediate(() => {
        sockets.at(-1)!.destroy();
        resolve(failureOf(db.execute(sql`select 1`)));
      }),
    );
    expect(classifyDatabaseError(lost)).toBe("unavailable");
    const started = Date.now();
    await expect(db.execute(sql`select 1`)).resolves.toBeDefined();
    expect(Date.now() - started).toBeLessThan(900);
    expect(pool.generation).toBe(1);
    expect(messages).toEqual([expect.stringMatching(/Replaced the database connection pool \(a connection was lost/)]);
  });

  it("replaces the pool once when every session ends at once", async () => {
    const messages: string[] = [];
    const { pool, db } = open(url!, { log: (m) => messages.push(m) });
    await Promise.all([db.execute(sql`select 1`), db.execute(sql`select 1`)]);
    const [active] = await db.execute<{ count: number }>(
      sql`select count(*)::int as count from pg_stat_activity where application_name = 'keyward' and pid <> pg_backend_pid()`,
    );
    expect(active?.count).toBeGreaterThanOrEqual(1);
    // Both connections in a query when the server ends them (57P01, as `pg_ctl stop` does).
    const outcomes = await Promise.all([
      failureOf(db.execute(sql`select pg_sleep(5)`)),
      failureOf(db.execute(sql`select pg_sleep(5)`)),
      (async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        const other = open(url!, { log: () => {} });
        await other.db.execute(sql`select pg_terminate_backend(pid) from pg_stat_activity where query like 'select pg_sleep(5)%' and pid <> pg_backend_pid()`);
      })(),
    ]);
    expect(outcomes.slice(0, 2).map(classifyDatabaseError)).toEqual(["unavailable", "unavailable"]);
    expect(pool.generation).toBe(1);
    expect(messages).toHaveLength(1);
    await expect(db.execute(sql`select 1`)).resolves.toBeDefined();
  });
});
