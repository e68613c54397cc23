import { parse, protocol, type PGlite } from "@electric-sql/pglite";

type QueryOptions = Parameters<PGlite["query"]>[2];
type BackendMessage = Awaited<ReturnType<PGlite["execProtocolStream"]>>[number];
type DatabaseError = Error & { code?: string; query?: string; params?: unknown[]; queryOptions?: QueryOptions };

interface Statement {
  name: string;
  /** The parameter types PostgreSQL inferred when it parsed the text, which choose each value's serializer. */
  paramTypes: number[];
  /** The result's columns, which an Execute does not repeat: PGlite's result parser needs them before the rows. */
  rowDescription: BackendMessage | undefined;
}

/** Named statements kept per client: the app's query shapes are far fewer, and `IN` lists of many lengths are evicted. */
const MAX_STATEMENTS = 200;
const STATEMENT_DOES_NOT_EXIST = "26000";
const { serialize } = protocol;
const NO_SYNC = { syncToFs: false } as const;

/**
 * PGlite answers every `query()` through the unnamed statement: six calls into the database, and the text parsed and
 * planned again each time, which cost several times an indexed lookup itself (and more the more indexes the table
 * has: the planner measures each one). postgres.js names its statements on a PostgreSQL server; this does the same
 * for PGlite: a query with parameters is parsed once under a name, then each call is one Bind, Execute and Sync.
 *
 * Only queries outside a transaction take this way (a transaction's own queries keep PGlite's), and only those with
 * parameters and no per-query options but the row mode, so that texts with their values written in, such as
 * migrations, are not kept. Results, errors and locking are PGlite's own: its result parser, its error (with the query
 * and parameters attached, as `query()` attaches them), and its transaction lock, so that a lookup never runs inside
 * another caller's transaction.
 */
export function withNamedStatements(client: PGlite): PGlite {
  const query = client.query.bind(client);
  const statements = new Map<string, Statement>();
  let named = 0;

  async function prepare(text: string): Promise<Statement> {
    const name = `keyward_${(named += 1)}`;
    const messages = await client.execProtocolStream(
      Buffer.concat([serialize.parse({ name, text }), serialize.describe({ type: "S", name }), serialize.sync()]),
      NO_SYNC,
    );
    const statement = {
      name,
      paramTypes: parse.parseDescribeStatementResults(messages),
      rowDescription: messages.find((message) => message.name === "rowDescription"),
    };
    statements.set(text, statement);
    if (statements.size > MAX_STATEMENTS) await forgetOldest();
    return statement;
  }

  async function forgetOldest() {
    const [text, { name }] = statements.entries().next().value!;
    statements.delete(text);
    await client.execProtocolStream(Buffer.concat([serialize.close({ type: "S", name }), serialize.sync()]), NO_SYNC);
  }

  /** The statement for `text`, now the most recently used one. */
  async function statementFor(text: string): Promise<Statement> {
    const known = statements.get(text);
    if (!known) return prepare(text);
    statements.delete(text);
    statements.set(text, known);
    return known;
  }

  async function execute(text: string, params: unknown[], options: QueryOptions) {
    let statement = await statementFor(text);
    const run = () => {
      const values = params.map((value, index) => {
        if (value === null || value === undefined) return null;
        const serializer = client.serializers[statement.paramTypes[index]!];
        return serializer ? serializer(value) : String(value);
      });
      return client.execProtocolStream(
        Buffer.concat([serialize.bind({ statement: statement.name, values }), serialize.execute({}), serialize.sync()]),
        NO_SYNC,
      );
    };
    let messages: BackendMessage[];
    try {
      messages = await run();
    } catch (error) {
      // Someone deallocated it (DISCARD ALL, DEALLOCATE): parse it again once.
      if ((error as DatabaseError).code !== STATEMENT_DOES_NOT_EXIST) throw error;
      statements.delete(text);
      statement = await prepare(text);
      messages = await run();
    }
    await client.syncToFs();
    const withColumns = statement.rowDescription ? [statement.rowDescription, ...messages] : messages;
    return parse.parseResults(withColumns, client.parsers, options)[0]!;
  }

  client.query = (async (text: string, params: unknown[] = [], options?: QueryOptions) => {
    if (params.length === 0 || !onlyRowMode(options)) return query(text, params, options);
    await client._checkReady();
    try {
      return await client._runExclusiveTransaction(() => client._runExclusiveQuery(() => execute(text, params, options)));
    } catch (error) {
      throw withQuery(error, text, params, options);
    }
  }) as PGlite["query"];
  return client;
}

function onlyRowMode(options: QueryOptions): boolean {
  return !options || Object.entries(options).every(([option, value]) => option === "rowMode" || value === undefined);
}

/** What PGlite's own `query()` attaches to a database error. */
function withQuery(error: unknown, text: string, params: unknown[], options: QueryOptions) {
  if (error instanceof Error && "code" in error) Object.assign(error, { query: text, params, queryOptions: options });
  return error;
}
