/**
 * Restores a pg_dump archive into the configured PostgreSQL database with pg_restore, in one
 * transaction: a failed restore leaves the database as it was.
 */
import pg from 'pg';
import { detectBackupFormat } from './backup-format.js';
import { libpqConnection, runTool, serverMajorVersion, toolMajorVersion, type PgTools } from './pg-tools.js';

/** True when the database already holds Milepost tables (so restoring would replace data). */
async function holdsMilepostData(connectionString: string): Promise<boolean> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  try {
    const result = await client.query(
      "select 1 from information_schema.tables where table_schema = current_schema() and table_name = 'milepost_migrations'",
    );
    return (result.rowCount ?? 0) > 0;
  } finally {
    await client.end();
  }
}

/** Checks that `file` is a pg_dump archive of a Milepost database; throws a clear Error otherwise. */
async function verifyArchive(file: string, pgRestore: string, clientMajor: number): Promise<void> {
  const format = detectBackupFormat(file);
  if (format === 'sqlite')
    throw new Error(`${file} is a SQLite backup, but DATABASE_URL points at PostgreSQL. Restore it with a sqlite: DATABASE_URL.`);
  const list = await runTool(pgRestore, ['--list', file]);
  if (list.code !== 0) {
    const newer = /unsupported version \(([\d.]+)\) in file header/.exec(list.stderr);
    if (newer) {
      throw new Error(
        `${file} was written by a newer pg_dump (archive format ${newer[1]}) than pg_restore ${clientMajor} can read. Install newer PostgreSQL client tools.`,
      );
    }
    throw new Error(`${file} is not a Milepost backup: ${list.stderr.trim()}`);
  }
  if (!/\bTABLE \S+ milepost_migrations\b/.test(list.stdout)) {
    throw new Error(`${file} is a PostgreSQL archive but not a Milepost backup (it has no milepost_migrations table).`);
  }
}

/**
 * Restores the archive `file` into the database at `connectionString`.
 * Refuses when that database already holds Milepost data unless `force` is set.
 */
export async function restorePostgres(connectionString: string, file: string, options: { force: boolean }, tools: PgTools): Promise<void> {
  const client = await toolMajorVersion(tools.pgRestore);
  await verifyArchive(file, tools.pgRestore, client);
  const server = await serverMajorVersion(connectionString);
  if ((await holdsMilepostData(connectionString)) && !options.force) {
    throw new Error('The database already holds Milepost data. Stop the server, then pass --force to replace it.');
  }
  const { dbname, env } = libpqConnection(connectionString);
  const result = await runTool(
    tools.pgRestore,
    ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', `--dbname=${dbname}`, file],
    env,
  );
  if (result.code !== 0) {
    const versions =
      client === server ? '' : `\n(pg_restore is version ${client}, the server runs PostgreSQL ${server}; matching versions may fix this.)`;
    throw new Error(`pg_restore failed; the database was left unchanged:\n${result.stderr.trim()}${versions}`);
  }
}
