/**
 * The running server's process id, in a file beside its SQLite database (or in ./data for
 * PostgreSQL), so that operator commands can find it: `milepost content reload` signals it, and
 * `milepost restore` refuses to replace a database a live server is writing.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseConfig } from '../config.js';

export function pidFileFor(database: DatabaseConfig): string {
  if (database.dialect === 'sqlite' && database.filename !== ':memory:') return `${database.filename}.pid`;
  return path.resolve('data', 'milepost.pid');
}

/** True when a process with this id is alive (and ours to signal). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The id of the live server recorded in `file`; null when there is none or it is gone. */
export function runningServer(file: string): number | null {
  let pid: number;
  try {
    pid = Number.parseInt(fs.readFileSync(file, 'utf8').trim(), 10);
  } catch {
    return null;
  }
  return Number.isInteger(pid) && pid > 0 && pid !== process.pid && isAlive(pid) ? pid : null;
}

/** Records this process in `file` (readable by its owner only); returns a function that removes it again. */
export function writePidFile(file: string): () => void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${process.pid}\n`, { mode: 0o600 });
  return () => {
    try {
      if (fs.readFileSync(file, 'utf8').trim() === String(process.pid)) fs.rmSync(file);
    } catch {
      // Already gone.
    }
  };
}
