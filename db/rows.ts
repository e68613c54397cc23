/** The rows of a raw `db.execute()`: postgres.js answers an array, PGlite an object with `rows`. */
export const rowsOf = <T>(result: unknown) => (Array.isArray(result) ? result : (result as { rows: unknown[] }).rows) as T[];
