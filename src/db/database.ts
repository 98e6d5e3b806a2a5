/**
 * Opens the database named by the config: better-sqlite3 (WAL) by default, PostgreSQL for
 * `postgres://` URLs. Both sit behind the same Kysely instance.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import {
  Kysely,
  PostgresAdapter,
  PostgresDialect,
  sql,
  type KyselyPlugin,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  type QueryId,
  type QueryResult,
  type RootOperationNode,
  type UnknownRow,
} from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { DatabaseSchema } from './schema.js';
import { preparingPool } from './postgres-pool.js';
import { sqliteDialect } from './sqlite-dialect.js';

export type Database = Kysely<DatabaseSchema>;

export function openDatabase(config: DatabaseConfig): Database {
  if (config.dialect === 'sqlite') {
    if (config.filename !== ':memory:') {
      fs.mkdirSync(path.dirname(config.filename), { recursive: true });
      keepPrivate(config.filename);
    }
    const db = new SQLite(config.filename);
    db.pragma('journal_mode = WAL');
    // In WAL mode NORMAL writes each commit to the WAL before the commit returns and fsyncs only at
    // checkpoints, so a killed process (kill -9, a crash) loses no committed transaction: the bytes are
    // with the OS (test/http/crash.test.ts checks this). Only an OS crash or power loss can roll back the
    // last commits; FULL would prevent that at an fsync per commit, several times the cost of a status write.
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('busy_timeout = 5000');
    return new Kysely<DatabaseSchema>({ dialect: sqliteDialect(db) });
  }
  const pool = new pg.Pool({ connectionString: config.connectionString, max: 10 });
  const db = new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
  pools.set(db, pool);
  // An idle connection that the server ends (a restart, a dropped database) is discarded by the
  // pool and the next query opens a new one; without a listener the error would end the process.
  pool.on('error', () => undefined);
  return db;
}

const pools = new WeakMap<object, pg.Pool>();

/** The PostgreSQL pool's connections (null on SQLite, or for a database opened elsewhere). */
export function poolUse(db: Database): { total: number; idle: number; waiting: number } | null {
  const pool = pools.get(db);
  return pool ? { total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount } : null;
}

/** Tells `observe` how long each statement took, by the kind of its root node (select, insert…). */
class QueryTimer implements KyselyPlugin {
  private readonly started = new WeakMap<QueryId, { kind: string; at: number }>();

  constructor(private readonly observe: (nodeKind: string, seconds: number) => void) {}

  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.started.set(args.queryId, { kind: args.node.kind, at: performance.now() });
    return args.node;
  }

  async transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    const started = this.started.get(args.queryId);
    if (started) this.observe(started.kind, (performance.now() - started.at) / 1000);
    return args.result;
  }
}

/** The same database, with every statement timed (for the metrics). */
export function timedDatabase(db: Database, observe: (nodeKind: string, seconds: number) => void): Database {
  return db.withPlugin(new QueryTimer(observe));
}

/**
 * Creates `file` readable by its owner only (0600), or takes group and world access away from an
 * existing one: it holds password hashes and emailed tokens. SQLite gives its -wal and -shm files
 * the database file's permissions.
 */
export function keepPrivate(file: string): void {
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  try {
    if ((fs.statSync(file).mode & 0o077) !== 0) fs.chmodSync(file, 0o600);
  } catch {
    // A file owned by another user: SQLite will open it as it is.
  }
}

/** True on PostgreSQL, for the few statements the dialects write differently. */
export function isPostgres(db: Kysely<unknown> | Database): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** True for a unique or primary-key violation (SQLite and PostgreSQL), the only error that means "already taken". */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY' || code === '23505';
}

const UNAVAILABLE_PG = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', '3D000', '53300', '42P01']);
const UNAVAILABLE_NODE = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);

/**
 * True for an error that means the database is away or not set up (refused or lost connections,
 * a server shutting down, a missing database or table, a locked or unreadable SQLite file): the
 * request may work later, so it is answered 503, not 500.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string') {
    if (UNAVAILABLE_PG.has(code) || UNAVAILABLE_NODE.has(code)) return true;
    if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED' || code === 'SQLITE_CANTOPEN' || code.startsWith('SQLITE_IOERR')) return true;
    if (code === 'SQLITE_ERROR' && /^no such table/.test(error.message)) return true;
  }
  return /Connection terminated|timeout exceeded when trying to connect|Cannot use a pool after calling end|database connection is not open/i.test(
    error.message,
  );
}

/** True when the database answers a trivial query. */
export async function pingDatabase(db: Database): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
