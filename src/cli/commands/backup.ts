/** `milepost backup <file> [--force]`: a consistent copy of the live database, taken while the server runs. */
import fs from 'node:fs';
import path from 'node:path';
import { backupPostgres } from '../backup/postgres-backup.js';
import { DEFAULT_PG_TOOLS } from '../backup/pg-tools.js';
import { backupSqlite } from '../backup/sqlite-backup.js';
import type { CommandContext } from '../command-context.js';
import { parseCommandArgs } from '../parse-options.js';

const USAGE = 'Usage: milepost backup <file> [--force]';

/** Runs `milepost backup`; returns the exit code or throws a clear Error. */
export async function backupCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { force: { type: 'boolean' } }, USAGE);
  const [target, ...extra] = positionals;
  if (target === undefined || extra.length > 0) throw new Error(USAGE);
  const file = path.resolve(target);
  if (fs.existsSync(file) && !values.force) throw new Error(`${file} already exists; pass --force to overwrite it.`);
  fs.mkdirSync(path.dirname(file), { recursive: true });

  const database = ctx.config.database;
  if (database.dialect === 'sqlite') {
    if (database.filename === file) throw new Error(`${file} is the live database itself; choose another backup file.`);
    await backupSqlite(database.filename, file);
  } else {
    await backupPostgres(database.connectionString, file, { ...DEFAULT_PG_TOOLS, ...ctx.pgTools });
  }
  ctx.io.out(`Backup written to ${file} (${fs.statSync(file).size} bytes).`);
  return 0;
}
