/**
 * Online backup of the SQLite database through SQLite's backup API, safe while the server runs:
 * WAL mode lets this reader copy a consistent snapshot while the server keeps writing.
 */
import fs from 'node:fs';
import SQLite from 'better-sqlite3';
import { writeFileAtomically } from './atomic-file.js';

/**
 * The backup API restarts whenever another connection writes between two steps, so under steady
 * writes a page-by-page copy might never finish. Copying every page in one step holds a single
 * read snapshot instead; that blocks only this process, never the server's writers.
 */
const ALL_PAGES = 0x7fffffff;

/** Copies the live database `filename` to `file` (which must not be the database itself). */
export async function backupSqlite(filename: string, file: string): Promise<void> {
  if (filename === ':memory:') throw new Error('DATABASE_URL points at an in-memory database; there is nothing on disk to back up.');
  if (!fs.existsSync(filename)) throw new Error(`No database at ${filename}; nothing to back up.`);
  // Read-only: a backup must never change the database it protects.
  const source = new SQLite(filename, { readonly: true, fileMustExist: true });
  try {
    await writeFileAtomically(file, async (temp) => {
      await source.backup(temp, { progress: () => ALL_PAGES });
      // The copy inherits WAL mode; rollback-journal mode makes it one self-contained file that
      // can be opened read-only later without leaving -wal/-shm files beside it.
      const copy = new SQLite(temp, { fileMustExist: true });
      try {
        copy.pragma('journal_mode = DELETE');
      } finally {
        copy.close();
      }
    });
  } finally {
    source.close();
  }
}
