/**
 * Restores a SQLite backup over the configured database file: verify the backup, copy it beside
 * the target, then swap it in with one rename. The server must be stopped first.
 */
import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import { writeFileAtomically } from './atomic-file.js';
import { detectBackupFormat } from './backup-format.js';

/** Opens `file` read-only and checks that it is an intact Milepost database; throws a clear Error otherwise. */
export function openSqliteBackup(file: string): SQLite.Database {
  const format = detectBackupFormat(file);
  if (format === 'postgres-custom') {
    throw new Error(`${file} is a PostgreSQL backup, but DATABASE_URL points at SQLite. Restore it with a postgres:// DATABASE_URL.`);
  }
  if (format !== 'sqlite') throw new Error(`${file} is not a Milepost backup: it is not a SQLite database.`);
  let db: SQLite.Database | undefined;
  try {
    db = new SQLite(file, { readonly: true, fileMustExist: true });
    const migrations = db.prepare("select 1 from sqlite_master where type = 'table' and name = 'milepost_migrations'").get();
    if (!migrations) throw new Error(`${file} is a SQLite database but not a Milepost backup (it has no milepost_migrations table).`);
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`${file} is damaged (SQLite quick_check: ${String(check)}).`);
    return db;
  } catch (error) {
    db?.close();
    if (error instanceof SQLite.SqliteError) throw new Error(`${file} cannot be read as a SQLite database: ${error.message}.`, { cause: error });
    throw error;
  }
}

/**
 * Replaces the database at `target` with the backup `file`.
 * Refuses when `target` exists unless `force` is set.
 */
export async function restoreSqlite(file: string, target: string, options: { force: boolean }): Promise<void> {
  if (target === ':memory:') throw new Error('DATABASE_URL points at an in-memory database; there is no file to restore into.');
  const source = openSqliteBackup(file);
  try {
    if (fs.existsSync(target) && !options.force) {
      throw new Error(`${target} already exists. Stop the server, then pass --force to replace it.`);
    }
    fs.mkdirSync(path.dirname(target), { recursive: true });
    await writeFileAtomically(target, async (temp) => {
      // The backup API rather than a file copy: it also carries anything still in the backup's own WAL.
      await source.backup(temp);
      // A -wal or -shm left by the old database would be replayed onto the new file and corrupt it.
      for (const suffix of ['-wal', '-shm', '-journal']) fs.rmSync(`${target}${suffix}`, { force: true });
    });
  } finally {
    source.close();
  }
}
