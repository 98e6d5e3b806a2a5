/**
 * What every `milepost` command receives: the config it acts on and where it reads and writes
 * text. Commands never touch `process` directly, so tests call them with an explicit config
 * and capture their output.
 */
import readline from 'node:readline';
import type { Config } from '../config.js';
import type { PgTools } from './backup/pg-tools.js';

/** Text in and out of a command. */
export interface CliIo {
  /** A line of normal output (stdout). */
  out(line: string): void;
  /** A line of diagnostics (stderr). */
  err(line: string): void;
  /** The first line of standard input without its line ending, or null when stdin is empty. */
  readLine(): Promise<string | null>;
}

/** The part of the config the database commands need. */
export type CliConfig = Pick<Config, 'database'>;

export interface CommandContext {
  config: CliConfig;
  io: CliIo;
  /** Paths of the PostgreSQL client tools; defaults to `pg_dump` and `pg_restore` from PATH. */
  pgTools?: Partial<PgTools>;
}

/** Reads only the first line, so `echo secret | milepost …` and an interactive paste both work. */
function readFirstLine(): Promise<string | null> {
  return new Promise((resolve) => {
    const rl = readline.createInterface({ input: process.stdin, terminal: false });
    let line: string | null = null;
    rl.once('line', (text) => {
      line = text;
      rl.close();
    });
    rl.once('close', () => resolve(line));
  });
}

/** The real terminal: stdout, stderr and stdin of this process. */
export const processIo: CliIo = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  readLine: readFirstLine,
};
