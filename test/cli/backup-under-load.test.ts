import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupCommand } from '../../src/cli/commands/backup.js';
import { restoreCommand } from '../../src/cli/commands/restore.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { memoryIo } from './support/memory-io.js';
import { insertSampleData } from './support/sample-data.js';

const WRITE_LOOP = fileURLToPath(new URL('./support/write-loop.ts', import.meta.url));

/** Starts the writer process and resolves once it has committed its first transaction. */
function startWriter(testDb: TestDatabase): Promise<{ child: ChildProcessWithoutNullStreams; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', WRITE_LOOP, JSON.stringify(testDb.config), 'u1'], { stdio: 'pipe' });
  let stdout = '';
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  return new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (stdout.startsWith('ready\n')) resolve({ child, output: () => stdout });
    });
    child.once('exit', (code) => reject(new Error(`writer exited early (${code}): ${stderr}`)));
  });
}

async function stopWriter(child: ChildProcessWithoutNullStreams): Promise<void> {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin.end();
  await exited;
}

async function writtenIds(db: Database, table: 'outbox' | 'activity'): Promise<string[]> {
  const rows = await db.selectFrom(table).select('id').where('id', 'like', 'w-%').orderBy('id').execute();
  return rows.map((row) => row.id);
}

describe.each(DIALECTS)('milepost backup under write load on $name', ({ name, create }) => {
  const databases: TestDatabase[] = [];
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'milepost-load-'));
  });
  afterAll(async () => {
    for (const testDb of databases) await testDb.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('takes a backup while another process keeps writing, and it restores to a consistent database', async () => {
    const source = await create();
    databases.push(source);
    const db = openDatabase(source.config);
    await migrateToLatest(db);
    await insertSampleData(db);
    // A few megabytes, so the copy takes long enough for the writer to commit during it.
    for (let batch = 0; batch < 6; batch++) {
      const rows = Array.from({ length: 500 }, (_, i) => ({
        id: `bulk-${batch}-${i}`,
        to_address: 'bulk@example.org',
        subject: 'bulk',
        body_text: 'y'.repeat(2000),
        created_at: '2026-11-21T10:00:00.000Z',
      }));
      await db.insertInto('outbox').values(rows).execute();
    }

    const { child, output } = await startWriter(source);
    let committedBefore: number;
    let committedAfter: number;
    const file = path.join(dir, 'under-load.backup');
    try {
      committedBefore = (await writtenIds(db, 'outbox')).length;
      expect(await backupCommand([file], { config: { database: source.config }, io: memoryIo() })).toBe(0);
      committedAfter = (await writtenIds(db, 'outbox')).length;
    } finally {
      await stopWriter(child);
      await db.destroy();
    }
    const totalWritten = Number(/wrote (\d+)/.exec(output())?.[1]);
    expect(committedAfter).toBeGreaterThan(committedBefore);

    const target = await create();
    databases.push(target);
    expect(await restoreCommand([file], { config: { database: target.config }, io: memoryIo() })).toBe(0);
    const restored = openDatabase(target.config);
    try {
      const outbox = await writtenIds(restored, 'outbox');
      const activity = await writtenIds(restored, 'activity');
      // Each writer transaction touched both tables: a consistent snapshot holds the same
      // gap-free prefix of them in both.
      expect(activity).toEqual(outbox);
      expect(outbox).toEqual(Array.from({ length: outbox.length }, (_, n) => `w-${String(n).padStart(8, '0')}`));
      expect(outbox.length).toBeGreaterThanOrEqual(committedBefore);
      expect(outbox.length).toBeLessThanOrEqual(totalWritten);
      const bulk = await restored
        .selectFrom('outbox')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('id', 'like', 'bulk-%')
        .executeTakeFirst();
      expect(Number(bulk?.n)).toBe(3000);
      if (name === 'sqlite') {
        const check = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(restored);
        expect(check.rows).toEqual([{ integrity_check: 'ok' }]);
      }
    } finally {
      await restored.destroy();
    }
  });
});
