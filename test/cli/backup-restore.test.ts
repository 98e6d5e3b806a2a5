import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Migrator } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/command-context.js';
import { backupCommand } from '../../src/cli/commands/backup.js';
import { restoreCommand } from '../../src/cli/commands/restore.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { MIGRATIONS, migrateToLatest } from '../../src/db/migrate.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { memoryIo } from './support/memory-io.js';
import { insertSampleData, snapshotTables } from './support/sample-data.js';

describe.each(DIALECTS)('milepost backup and restore on $name', ({ name, create }) => {
  const databases: TestDatabase[] = [];
  let source: TestDatabase;
  let db: Database;
  let dir: string;

  async function fresh(): Promise<TestDatabase> {
    const testDb = await create();
    databases.push(testDb);
    return testDb;
  }
  const ctx = (testDb: TestDatabase): CommandContext => ({ config: { database: testDb.config }, io: memoryIo() });
  async function snapshotOf(testDb: TestDatabase): Promise<Record<string, unknown[]>> {
    const other = openDatabase(testDb.config);
    try {
      return await snapshotTables(other);
    } finally {
      await other.destroy();
    }
  }

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'milepost-backup-'));
    source = await fresh();
    db = openDatabase(source.config);
    await migrateToLatest(db);
    await insertSampleData(db);
  });
  afterAll(async () => {
    await db.destroy();
    for (const testDb of databases) await testDb.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('restores a backup into a fresh database with identical data in every table', async () => {
    const file = path.join(dir, 'full.backup');
    const backupCtx = ctx(source);
    expect(await backupCommand([file], backupCtx)).toBe(0);
    expect(backupCtx.io).toMatchObject({ stdout: [expect.stringContaining(`Backup written to ${file}`)] });

    const target = await fresh();
    expect(await restoreCommand([file], ctx(target))).toBe(0);
    const restored = await snapshotOf(target);
    expect(restored).toEqual(await snapshotTables(db));
    expect(restored.users).toHaveLength(2);
    expect(restored.outbox).toHaveLength(2);
  });

  it('refuses to overwrite an existing backup file unless --force is given', async () => {
    const file = path.join(dir, 'existing.backup');
    fs.writeFileSync(file, 'keep me');
    await expect(backupCommand([file], ctx(source))).rejects.toThrow(`${file} already exists; pass --force to overwrite it.`);
    expect(fs.readFileSync(file, 'utf8')).toBe('keep me');
    expect(await backupCommand([file, '--force'], ctx(source))).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('refuses a file that is not a database and leaves the target untouched', async () => {
    const before = await snapshotTables(db);
    const notes = path.join(dir, 'notes.txt');
    fs.writeFileSync(notes, 'these are not the rows you are looking for\n'.repeat(10));
    await expect(restoreCommand([notes, '--force'], ctx(source))).rejects.toThrow(`${notes} is not a Milepost backup`);
    const foreign = path.join(dir, 'foreign.backup');
    fs.writeFileSync(foreign, name === 'sqlite' ? 'PGDMP\x01\x0e\x00 rest of an archive' : 'SQLite format 3\0 rest of a database');
    await expect(restoreCommand([foreign, '--force'], ctx(source))).rejects.toThrow(/backup, but DATABASE_URL points at/);
    await expect(restoreCommand([path.join(dir, 'missing.backup')], ctx(source))).rejects.toThrow('missing.backup does not exist.');
    expect(await snapshotTables(db)).toEqual(before);
  });

  it('refuses to replace existing data without --force, and replaces it with --force', async () => {
    const file = path.join(dir, 'replace.backup');
    expect(await backupCommand([file], ctx(source))).toBe(0);
    const target = await fresh();
    const targetDb = openDatabase(target.config);
    await migrateToLatest(targetDb);
    await targetDb
      .insertInto('users')
      .values({ id: 'u9', email: 'other@example.org', password_hash: 'h9', created_at: 'now', updated_at: 'now' })
      .execute();
    await targetDb.destroy();

    await expect(restoreCommand([file], ctx(target))).rejects.toThrow(/--force to replace it/);
    expect((await snapshotOf(target)).users).toHaveLength(1);
    expect(await restoreCommand([file, '--force'], ctx(target))).toBe(0);
    expect(await snapshotOf(target)).toEqual(await snapshotTables(db));
  });

  it('migrates a backup taken before the latest migrations', async () => {
    const old = await fresh();
    const oldDb = openDatabase(old.config);
    const names = Object.keys(MIGRATIONS).sort();
    const olderMigrations = Object.fromEntries(names.slice(0, -1).map((n) => [n, MIGRATIONS[n]!]));
    const migrator = new Migrator({
      db: oldDb,
      provider: { getMigrations: async () => olderMigrations },
      migrationTableName: 'milepost_migrations',
      migrationLockTableName: 'milepost_migrations_lock',
    });
    expect((await migrator.migrateToLatest()).error).toBeUndefined();
    await oldDb
      .insertInto('users')
      .values({ id: 'old', email: 'old@example.org', password_hash: 'h', created_at: 'then', updated_at: 'then' })
      .execute();
    await oldDb.destroy();

    const file = path.join(dir, 'old.backup');
    expect(await backupCommand([file], ctx(old))).toBe(0);
    const target = await fresh();
    const restoreCtx = ctx(target);
    expect(await restoreCommand([file], restoreCtx)).toBe(0);
    expect(restoreCtx.io).toMatchObject({ stdout: expect.arrayContaining([`Applied 1 migration(s): ${names.at(-1)}`]) });
    const restored = await snapshotOf(target);
    expect(restored.users).toEqual([expect.stringContaining('"old@example.org"')]);
    expect(restored.milepost_migrations).toHaveLength(names.length);
  });
});
