/** `milepost migrate`: applies pending migrations to the configured database. */
import type { DatabaseConfig } from '../../config.js';
import { openDatabase } from '../../db/database.js';
import { migrateToLatest } from '../../db/migrate.js';
import type { CommandContext } from '../command-context.js';
import { parseCommandArgs } from '../parse-options.js';

const USAGE = 'Usage: milepost migrate';

/** Brings the database up to date and returns the names of the migrations it applied. */
export async function migrateDatabase(database: DatabaseConfig): Promise<string[]> {
  const db = openDatabase(database);
  try {
    const result = await migrateToLatest(db);
    return result.results?.filter((r) => r.status === 'Success').map((r) => r.migrationName) ?? [];
  } finally {
    await db.destroy();
  }
}

/** Describes the outcome of `migrateDatabase` for the operator. */
export function describeMigrations(applied: string[]): string {
  return applied.length > 0 ? `Applied ${applied.length} migration(s): ${applied.join(', ')}` : 'Database is up to date.';
}

/** Runs `milepost migrate`; returns the exit code. */
export async function migrateCommand(args: string[], ctx: CommandContext): Promise<number> {
  const { positionals } = parseCommandArgs(args, {}, USAGE);
  if (positionals.length > 0) throw new Error(USAGE);
  ctx.io.out(describeMigrations(await migrateDatabase(ctx.config.database)));
  return 0;
}
