/**
 * The pg pool as Kysely sees it, with each query text parsed and planned once per connection.
 * Kysely sends every query unnamed, so PostgreSQL parses and plans it anew each time: for the
 * short statements of a busy server that costs more than running them. Here a query gets a
 * name derived from its text (a prepared statement, kept by its connection), up to a bound per
 * connection; schema changes and other statements stay unnamed.
 */
import { createHash } from 'node:crypto';
import type { PostgresCursor, PostgresPool, PostgresPoolClient, PostgresQueryResult } from 'kysely';
import type pg from 'pg';

/** Statements kept per connection; beyond this, new texts run unnamed. */
const PREPARED_PER_CONNECTION = 200;
/** Texts longer than this (e.g. batch inserts, each size a new text) are not worth keeping. */
const MAX_NAMED_LENGTH = 2000;
const PLANNED = /^\s*(select|insert|update|delete|with)\b/i;

function statementName(text: string): string {
  return `mp_${createHash('sha1').update(text).digest('base64url')}`;
}

export function preparingPool(pool: pg.Pool): PostgresPool {
  const names = new Map<string, string>();
  const wrapped = new WeakMap<pg.PoolClient, PostgresPoolClient>();

  function nameOf(text: string): string | undefined {
    if (text.length > MAX_NAMED_LENGTH || !PLANNED.test(text)) return undefined;
    let name = names.get(text);
    if (!name) {
      name = statementName(text);
      if (names.size < 10_000) names.set(text, name);
    }
    return name;
  }

  function wrap(client: pg.PoolClient): PostgresPoolClient {
    const prepared = new Set<string>();
    // A connection that dies while checked out (the server restarted, the database was dropped)
    // emits 'error' with nobody listening, which would end the process. Note it instead: its
    // current query fails on its own, and on release the pool destroys it rather than reuse it.
    let broken: Error | undefined;
    client.on('error', (error: Error) => {
      broken = error;
    });
    function query<R>(sql: string, parameters: readonly unknown[]): Promise<PostgresQueryResult<R>>;
    function query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
    function query<R>(sqlOrCursor: string | PostgresCursor<R>, parameters?: readonly unknown[]): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
      if (typeof sqlOrCursor !== 'string') return client.query(sqlOrCursor as never) as PostgresCursor<R>;
      const name = nameOf(sqlOrCursor);
      const values = parameters as unknown[];
      if (!name || (!prepared.has(name) && prepared.size >= PREPARED_PER_CONNECTION)) {
        return client.query(sqlOrCursor, values) as unknown as Promise<PostgresQueryResult<R>>;
      }
      prepared.add(name);
      return client.query({ name, text: sqlOrCursor, values }) as unknown as Promise<PostgresQueryResult<R>>;
    }
    return { query, release: () => client.release(broken) };
  }

  return {
    async connect() {
      const client = await pool.connect();
      let connection = wrapped.get(client);
      if (!connection) wrapped.set(client, (connection = wrap(client)));
      return connection;
    },
    end: () => pool.end(),
  };
}
