/**
 * Writing files so that a reader sees either the old file or the complete new one, never a
 * half-written one, even after a crash: write beside the target, fsync, rename, fsync the folder.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** A fresh hidden file name in the same folder as `file`, so the final rename stays on one file system. */
export function tempPathBeside(file: string): string {
  return path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Flushes a file's contents to disk. */
export function fsyncFile(file: string): void {
  const fd = fs.openSync(file, 'r+');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

/** Flushes a folder's entries, which makes a rename inside it durable. */
export function fsyncDirectory(dir: string): void {
  let fd: number;
  try {
    fd = fs.openSync(dir, 'r');
  } catch {
    return; // Some platforms (Windows) cannot open a folder; their renames are durable without it.
  }
  try {
    fs.fsyncSync(fd);
  } catch {
    // Same as above: fsync on a folder is not supported everywhere.
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Lets `write` fill a temporary file beside `target`, then moves it into place durably. The file
 * is readable by its owner only (0600): backups hold password hashes and emailed tokens. The
 * temporary file is removed when `write` fails.
 */
export async function writeFileAtomically(target: string, write: (tempFile: string) => Promise<void>): Promise<void> {
  const temp = tempPathBeside(target);
  try {
    fs.closeSync(fs.openSync(temp, 'wx', 0o600));
    await write(temp);
    // In case the writer replaced the file rather than filling it.
    fs.chmodSync(temp, 0o600);
    fsyncFile(temp);
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fsyncDirectory(path.dirname(target));
}
