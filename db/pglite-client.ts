import { PGlite, types } from "@electric-sql/pglite";
import { withNamedStatements } from "./pglite-named-statements";

const asText = (value: string) => value;

/**
 * The type parsers drizzle-orm's PGlite driver passes with every query (dates, times and intervals, and their arrays,
 * stay text for drizzle to map). PGlite merges per-query parsers into its 347 defaults on every call, which took as
 * long as an indexed lookup; given once to the client, they are merged once.
 */
const DRIZZLE_PARSERS: Record<number, (value: string) => string> = {
  [types.TIMESTAMP]: asText,
  [types.TIMESTAMPTZ]: asText,
  [types.INTERVAL]: asText,
  [types.DATE]: asText,
  1231: asText, // numeric[]
  1115: asText, // timestamp[]
  1185: asText, // timestamptz[]
  1187: asText, // interval[]
  1182: asText, // date[]
};
const DRIZZLE_PARSER_TYPES = Object.keys(DRIZZLE_PARSERS).join(",");

type Queryable = Pick<PGlite, "query">;

/** Drops per-query parsers that are exactly drizzle's: the client already applies the same ones. */
function withoutRepeatedParsers<T extends Queryable>(target: T): T {
  const query = target.query.bind(target);
  target.query = ((text: string, params?: unknown[], options?: Parameters<PGlite["query"]>[2]) =>
    query(
      text,
      params,
      options?.parsers && Object.keys(options.parsers).join(",") === DRIZZLE_PARSER_TYPES ? { ...options, parsers: undefined } : options,
    )) as T["query"];
  return target;
}

/** A PGlite client for drizzle: its type parsers set once, queries and transactions alike, and named statements. */
export async function createPgliteClient(dataDir: string): Promise<PGlite> {
  const client = withoutRepeatedParsers(withNamedStatements(await PGlite.create(dataDir, { parsers: DRIZZLE_PARSERS })));
  const transaction = client.transaction.bind(client);
  client.transaction = ((callback: Parameters<PGlite["transaction"]>[0]) =>
    transaction((tx) => callback(withoutRepeatedParsers(tx)))) as PGlite["transaction"];
  return client;
}
