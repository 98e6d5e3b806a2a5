/**
 * Opens the database named by the config: better-sqlite3 (WAL) by default, PostgreSQL for
 * `postgres://` URLs. Both sit behind the same Kysely instance.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config.js';
import type { DatabaseSchema } from './schema.js';
import { preparingPool } from './postgres-pool.js';
import { sqliteDialect } from './sqlite-dialect.js';

export type Database = Kysely<DatabaseSchema>;

export function openDatabase(config: DatabaseConfig): Database {
  if (config.dialect === 'sqlite') {
    if (config.filename !== ':memory:') fs.mkdirSync(path.dirname(config.filename), { recursive: true });
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
  // An idle connection that the server ends (a restart, a dropped database) is discarded by the
  // pool and the next query opens a new one; without a listener the error would end the process.
  pool.on('error', () => undefined);
  return new Kysely<DatabaseSchema>({ dialect: new PostgresDialect({ pool: preparingPool(pool) }) });
}

/** True on PostgreSQL, for the few statements the dialects write differently. */
export function isPostgres(db: Kysely<unknown> | Database): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
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
