/**
 * `milepost restore <file> [--force]`: replaces the configured database with a backup, then
 * migrates it, so a backup from an older Milepost version comes up to date.
 */
import path from 'node:path';
import { DEFAULT_PG_TOOLS } from '../backup/pg-tools.js';
import { restorePostgres } from '../backup/postgres-restore.js';
import { restoreSqlite } from '../backup/sqlite-restore.js';
import type { CommandContext } from '../command-context.js';
import { parseCommandArgs } from '../parse-options.js';
import { pidFileFor, runningServer } from '../../infra/pid-file.js';
import { describeMigrations, migrateDatabase } from './migrate.js';

const USAGE = 'Usage: milepost restore <file> [--force]';

/** Runs `milepost restore`; returns the exit code or throws a clear Error. */
export async function restoreCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, { force: { type: 'boolean' } }, USAGE);
  const [source, ...extra] = positionals;
  if (source === undefined || extra.length > 0) throw new Error(USAGE);
  const file = path.resolve(source);
  const force = values.force === true;

  const database = ctx.config.database;
  if (database.dialect === 'sqlite') {
    if (database.filename === file) throw new Error(`${file} is the live database itself; there is nothing to restore.`);
    // Even with --force: writes the server acknowledged after the swap would go to a deleted file and be lost.
    const pid = runningServer(pidFileFor(database));
    if (pid !== null) throw new Error(`A Milepost server (pid ${pid}) is using ${database.filename}. Stop it, then restore.`);
    await restoreSqlite(file, database.filename, { force });
  } else {
    await restorePostgres(database.connectionString, file, { force }, { ...DEFAULT_PG_TOOLS, ...ctx.pgTools });
  }
  ctx.io.out(`Restored ${file}.`);
  ctx.io.out(describeMigrations(await migrateDatabase(database)));
  return 0;
}
