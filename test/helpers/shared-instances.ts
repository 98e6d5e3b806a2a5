/**
 * Two app instances on one database, sharing a Redis under a key prefix of their own, as a
 * deployment behind a load balancer runs. Keys left under the prefix are deleted afterwards.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import type { TestDatabase } from './databases.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { buildTestApp } from './test-app.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

export interface SharedInstances {
  first: FastifyInstance;
  second: FastifyInstance;
  /** A client of the same Redis, to look at what the instances keep there. */
  redis: Redis;
  /** The REDIS_PREFIX both instances use. */
  prefix: string;
  /** A direct handle on the database both use, to arrange rows the API cannot. */
  db: Database;
}

/** Every Redis key that starts with `prefix` (SCAN, not KEYS, to be gentle with a shared server). */
export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [next, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
    keys.push(...batch);
    cursor = next;
  } while (cursor !== '0');
  return keys;
}

/** Registers hooks that start both instances before the suite and clean everything up after it. */
export function useSharedInstances(create: () => Promise<TestDatabase>): SharedInstances {
  const env = { prefix: `milepost-test-${randomBytes(5).toString('hex')}:` } as SharedInstances;
  let testDb: TestDatabase | undefined;
  beforeAll(async () => {
    testDb = await create();
    const config = { REDIS_URL, REDIS_PREFIX: env.prefix };
    env.first = await buildTestApp({ db: testDb, env: config });
    env.second = await buildTestApp({ db: testDb, env: config });
    env.redis = new Redis(REDIS_URL);
    env.db = openDatabase(testDb.config);
  });
  afterAll(async () => {
    await env.first?.close();
    await env.second?.close();
    await env.db?.destroy();
    if (env.redis) {
      const keys = await keysUnder(env.redis, env.prefix);
      if (keys.length > 0) await env.redis.del(...keys);
      await env.redis.quit();
    }
    await testDb?.drop();
  });
  return env;
}
