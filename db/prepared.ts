import type { Db } from "./client";

/**
 * A statement built once per database handle: the hot lookups of the API authenticator run on every request whose
 * answer is not in the verification cache, and building the SQL again each time cost as much as running it.
 */
export function preparedPerDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let statement = built.get(db);
    if (!statement) built.set(db, (statement = build(db)));
    return statement;
  };
}
