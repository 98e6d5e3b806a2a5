/**
 * Instances started together on one fresh database each migrate it at start. They must apply
 * every migration once: four processes wait for the same moment, then migrate at once.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/database.js';
import { LATEST_MIGRATION } from '../../src/db/migrate.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const PROCESSES = 4;

const SCRIPT = `
import { loadConfig } from './src/config.ts';
import { openDatabase } from './src/db/database.ts';
import { migrateToLatest } from './src/db/migrate.ts';
const db = openDatabase(loadConfig().database);
await new Promise((resolve) => setTimeout(resolve, Number(process.env.START_AT) - Date.now()));
try {
  const result = await migrateToLatest(db);
  console.log(JSON.stringify({ applied: result.results?.length ?? 0 }));
} finally {
  await db.destroy();
}
`;

function migrateAt(url: string, startAt: number): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', SCRIPT], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATABASE_URL: url, START_AT: String(startAt), LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe.each(DIALECTS)('migrations started together on $name', ({ create }) => {
  let testDb: TestDatabase | undefined;
  afterEach(async () => testDb?.drop());

  it(`applies every migration once across ${PROCESSES} processes`, async () => {
    testDb = await create();
    const startAt = Date.now() + 4000;
    const runs = await Promise.all(Array.from({ length: PROCESSES }, () => migrateAt(testDb!.url, startAt)));
    for (const run of runs) expect(run.code, run.out).toBe(0);
    const applied = runs.map((run) => (JSON.parse(run.out.trim().split('\n').at(-1)!) as { applied: number }).applied);
    const db = openDatabase(testDb.config);
    try {
      const rows = await db
        .selectFrom('milepost_migrations' as never)
        .select('name' as never)
        .execute();
      // Every migration ran in exactly one process; the others found nothing left to do.
      expect(applied.reduce((a, b) => a + b, 0)).toBe(rows.length);
      expect(applied.filter((n) => n > 0)).toHaveLength(1);
      expect((rows as { name: string }[]).map((r) => r.name).at(-1)).toBe(LATEST_MIGRATION);
    } finally {
      await db.destroy();
    }
  }, 60_000);
});
