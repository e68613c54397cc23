import { PGlite } from "@electric-sql/pglite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withNamedStatements } from "./pglite-named-statements";

let client: PGlite;

beforeEach(async () => {
  client = withNamedStatements(await PGlite.create("memory://"));
  await client.exec(`
    create table codes (id serial primary key, hash text not null unique, enabled boolean not null default true,
      uses integer not null default 0, meta jsonb, created_at timestamptz not null default now());
    insert into codes (hash, meta) values ('a', '{"tags":["x"]}'), ('b', null);
  `);
});
afterEach(() => client.close());

const preparedNames = async () =>
  (await client.query<{ name: string }>("select name from pg_prepared_statements order by name")).rows.map((row) => row.name);

describe("a PGlite client with named statements", () => {
  it("parses a query with parameters once and answers every call as PGlite's own query would", async () => {
    const text = "select id, hash, enabled, meta from codes where hash = $1";
    const first = await client.query(text, ["a"]);
    const again = await client.query(text, ["a"], { rowMode: "array" });
    const missing = await client.query(text, ["nobody"]);

    expect(first.rows).toEqual([{ id: 1, hash: "a", enabled: true, meta: { tags: ["x"] } }]);
    expect(first.fields.map((field) => field.name)).toEqual(["id", "hash", "enabled", "meta"]);
    expect(again.rows).toEqual([[1, "a", true, { tags: ["x"] }]]);
    expect(missing.rows).toEqual([]);
    expect(await preparedNames()).toEqual(["keyward_1"]);
  });

  it("serializes each value by the type PostgreSQL inferred, nulls included, and counts the rows a change touched", async () => {
    const inserted = await client.query("insert into codes (hash, meta, enabled) values ($1, $2, $3) returning meta, enabled", [
      "c",
      { limit: 5 },
      false,
    ]);
    expect(inserted.rows).toEqual([{ meta: { limit: 5 }, enabled: false }]);
    const updated = await client.query("update codes set uses = uses + $1, meta = $2 where enabled = $3", [2, null, true]);
    expect(updated.affectedRows).toBe(2);
    expect((await client.query("select hash from codes where meta is null order by hash")).rows).toEqual([{ hash: "a" }, { hash: "b" }]);
  });

  it("throws PGlite's database error with the query attached, and the next query works", async () => {
    const text = "insert into codes (hash) values ($1)";
    const error = await client.query(text, ["a"]).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ code: "23505", query: text, params: ["a"] });
    await expect(client.query("select count(*)::int as n from codes where hash <> $1", ["z"])).resolves.toMatchObject({ rows: [{ n: 2 }] });
    await expect(client.query("selec nothing where $1", [1])).rejects.toMatchObject({ code: "42601" });
  });

  it("waits for another caller's transaction instead of running inside it", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    let inserted!: () => void;
    const insertedInTransaction = new Promise<void>((resolve) => (inserted = resolve));
    const transaction = client.transaction(async (tx) => {
      await tx.query("insert into codes (hash) values ('pending')");
      inserted();
      await held;
      await tx.rollback();
    });
    await insertedInTransaction;
    const lookup = client.query("select hash from codes where hash = $1", ["pending"]);
    release();
    await transaction;
    // Run inside the transaction, the lookup would have seen the row that was then rolled back.
    expect((await lookup).rows).toEqual([]);
  });

  it("keeps at most 200 statements, and parses again one that was deallocated", async () => {
    for (let n = 0; n < 205; n += 1) await client.query(`select $1::int + ${n} as total`, [1]);
    expect((await preparedNames()).length).toBe(200);

    await client.exec("deallocate all");
    await expect(client.query("select $1::int + 204 as total", [1])).resolves.toMatchObject({ rows: [{ total: 205 }] });
  });

  it("leaves queries without parameters, and those with options of their own, to PGlite", async () => {
    await client.query("select count(*) from codes");
    await client.query("select hash from codes where hash = $1", ["a"], { paramTypes: [25] });
    expect(await preparedNames()).toEqual([]);
  });
});
