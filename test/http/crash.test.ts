/**
 * kill -9 under write load loses no acknowledged write: the real server runs as a child process,
 * is killed mid-stream and restarted on the same database, and every write it answered 200 to
 * must still be there, with its activity row. CRASH_ROUNDS sets the rounds per dialect (default 3).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCrashRounds } from '../helpers/crash-rounds.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';

const ROUNDS = Number(process.env.CRASH_ROUNDS ?? 3);

describe.each(DIALECTS)('kill -9 under write load on $name', ({ name, create }) => {
  let testDb: TestDatabase;
  beforeAll(async () => {
    testDb = await create();
  });
  afterAll(async () => {
    await testDb?.drop();
  });

  it(
    `keeps every acknowledged status write and its activity row over ${ROUNDS} rounds`,
    async () => {
      const result = await runCrashRounds({
        databaseUrl: testDb.url,
        rounds: ROUNDS,
        killAfterMs: [300, 1200],
        log: (line) => console.log(`${name} ${line}`),
      });
      expect(result.refused).toEqual([]);
      expect(result.acknowledged).toBeGreaterThan(0);
      expect(result.lostStatus).toEqual([]);
      expect(result.lostActivity).toEqual([]);
    },
    30_000 + ROUNDS * 20_000,
  );
});
