import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/command-context.js';
import { dumpVersionProblem, libpqConnection } from '../../src/cli/backup/pg-tools.js';
import { backupCommand } from '../../src/cli/commands/backup.js';
import { restoreCommand } from '../../src/cli/commands/restore.js';
import { openDatabase } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { createPostgresDatabase, type TestDatabase } from '../helpers/databases.js';
import { memoryIo } from './support/memory-io.js';

describe('PostgreSQL client tools', () => {
  const databases: TestDatabase[] = [];
  let source: TestDatabase;
  let dir: string;
  const ctx = (testDb: TestDatabase, pgTools: CommandContext['pgTools'] = {}): CommandContext => ({
    config: { database: testDb.config },
    io: memoryIo(),
    pgTools,
  });

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'milepost-pgtools-'));
    source = await createPostgresDatabase();
    databases.push(source);
    const db = openDatabase(source.config);
    await migrateToLatest(db);
    await db.destroy();
  });
  afterAll(async () => {
    for (const testDb of databases) await testDb.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('says how to install pg_dump when it is missing', async () => {
    const file = path.join(dir, 'missing-tool.backup');
    await expect(backupCommand([file], ctx(source, { pgDump: path.join(dir, 'no-such-pg_dump') }))).rejects.toThrow(
      /no-such-pg_dump was not found at .*Install the PostgreSQL client tools/,
    );
    expect(fs.existsSync(file)).toBe(false);
  });

  it('reports a pg_dump older than the server instead of failing halfway', async () => {
    const oldDump = path.join(dir, 'pg_dump-9');
    fs.writeFileSync(oldDump, '#!/bin/sh\necho "pg_dump (PostgreSQL) 9.6.24"\n', { mode: 0o755 });
    const file = path.join(dir, 'old-tool.backup');
    await expect(backupCommand([file], ctx(source, { pgDump: oldDump }))).rejects.toThrow(/^pg_dump 9 cannot back up a PostgreSQL \d+ server/);
    expect(fs.existsSync(file)).toBe(false);
  });

  it('reports an archive written by a newer pg_dump than pg_restore can read', async () => {
    const file = path.join(dir, 'newer.backup');
    expect(await backupCommand([file], ctx(source))).toBe(0);
    const archive = fs.readFileSync(file);
    archive[6] = 99; // Minor archive version, just after the "PGDMP" magic and the major version.
    fs.writeFileSync(file, archive);
    const target = await createPostgresDatabase();
    databases.push(target);
    await expect(restoreCommand([file], ctx(target))).rejects.toThrow(
      /written by a newer pg_dump \(archive format 1\.99\) than pg_restore \d+ can read/,
    );
  });

  it('only allows dumping servers no newer than pg_dump', () => {
    expect(dumpVersionProblem(15, 15)).toBeNull();
    expect(dumpVersionProblem(15, 12)).toBeNull();
    expect(dumpVersionProblem(15, 16)).toMatch(/Install the PostgreSQL 16 client tools/);
  });

  it('keeps the password off the command line', () => {
    expect(libpqConnection('postgres://app:s%40cret@db.example:5433/milepost?sslmode=require')).toEqual({
      dbname: 'postgres://app@db.example:5433/milepost?sslmode=require',
      env: { PGPASSWORD: 's@cret' },
    });
  });
});
