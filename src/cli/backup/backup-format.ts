/** Recognises a backup file by its first bytes, so restore can say what a wrong file is. */
import fs from 'node:fs';

export type BackupFormat = 'sqlite' | 'postgres-custom' | 'unknown';

const SQLITE_MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const PG_CUSTOM_MAGIC = Buffer.from('PGDMP', 'latin1');

/** Reads the header of `file`; throws a clear Error when it cannot be read. */
export function detectBackupFormat(file: string): BackupFormat {
  let header: Buffer;
  try {
    const fd = fs.openSync(file, 'r');
    try {
      header = Buffer.alloc(SQLITE_MAGIC.length);
      const read = fs.readSync(fd, header, 0, header.length, 0);
      header = header.subarray(0, read);
    } finally {
      fs.closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new Error(`${file} does not exist.`, { cause: error });
    if (code === 'EISDIR') throw new Error(`${file} is a folder, not a backup file.`, { cause: error });
    throw new Error(`Cannot read ${file}: ${(error as Error).message}`, { cause: error });
  }
  if (header.equals(SQLITE_MAGIC)) return 'sqlite';
  if (header.subarray(0, PG_CUSTOM_MAGIC.length).equals(PG_CUSTOM_MAGIC)) return 'postgres-custom';
  return 'unknown';
}
