/**
 * Runs the migrations in `migrations/` in name order. Migrations are listed here explicitly
 * (not discovered on disk) so the same code runs from TypeScript sources and from the build.
 */
import { Migrator, type Migration, type MigrationResultSet } from 'kysely';
import type { Database } from './database.js';

export const MIGRATIONS: Record<string, Migration> = {};

export async function migrateToLatest(db: Database): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => MIGRATIONS },
    migrationTableName: 'milepost_migrations',
    migrationLockTableName: 'milepost_migrations_lock',
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error instanceof Error ? result.error : new Error(String(result.error));
  return result;
}
