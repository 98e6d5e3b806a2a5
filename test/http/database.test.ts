import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { openDatabase, pingDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { buildTestApp } from '../helpers/test-app.js';

describe.each(DIALECTS)('database on $name', ({ create }) => {
  let testDb: TestDatabase;
  let db: Database;
  beforeAll(async () => {
    testDb = await create();
    db = openDatabase(testDb.config);
  });
  afterAll(async () => {
    await db.destroy();
    await testDb.drop();
  });

  it('migrates to the latest version, twice without harm', async () => {
    await migrateToLatest(db);
    await migrateToLatest(db);
    const tables = await db.introspection.getTables({ withInternalKyselyTables: true });
    expect(tables.map((t) => t.name)).toContain('milepost_migrations');
  });

  it('answers readiness through the app', async () => {
    expect(await pingDatabase(db)).toBe(true);
    const app = await buildTestApp({ db: testDb });
    try {
      const response = await app.inject({ url: '/readyz' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({ status: 'ready' });
    } finally {
      await app.close();
    }
    const result = await sql<{ one: number }>`select 1 as one`.execute(db);
    expect(Number(result.rows[0]?.one)).toBe(1);
  });
});
