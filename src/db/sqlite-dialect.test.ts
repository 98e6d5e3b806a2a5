// SQLite-only by nature: the single shared connection is what this dialect queues.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { createSqliteDatabase, type TestDatabase } from '../../test/helpers/databases.js';
import { openDatabase, type Database } from './database.js';

describe('the SQLite dialect', () => {
  let testDb: TestDatabase;
  let db: Database;
  beforeEach(async () => {
    testDb = await createSqliteDatabase();
    db = openDatabase(testDb.config);
    await sql`create table t (n integer)`.execute(db);
  });
  afterEach(async () => {
    await db.destroy();
    await testDb.drop();
  });

  it('answers concurrent queries in the order they were asked', async () => {
    const order: number[] = [];
    await Promise.all(Array.from({ length: 50 }, (_, i) => sql`select ${i} as n`.execute(db).then(() => order.push(i))));
    expect(order).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('keeps queries from other requests out of an open transaction', async () => {
    let outside: Promise<unknown> = Promise.resolve();
    await db
      .transaction()
      .execute(async (trx) => {
        await sql`insert into t (n) values (1)`.execute(trx);
        outside = sql`insert into t (n) values (2)`.execute(db);
        await new Promise((resolve) => setTimeout(resolve, 20));
        throw new Error('roll back');
      })
      .catch(() => undefined);
    await outside;
    const rows = await sql<{ n: number }>`select n from t`.execute(db);
    expect(rows.rows).toEqual([{ n: 2 }]);
  });

  it('reuses prepared statements without mixing up their results', async () => {
    for (let i = 0; i < 5; i++) await sql`insert into t (n) values (${i})`.execute(db);
    const counts = await Promise.all([1, 3, 5].map((limit) => sql<{ n: number }>`select n from t where n < ${limit}`.execute(db)));
    expect(counts.map((r) => r.rows.length)).toEqual([1, 3, 5]);
  });
});
