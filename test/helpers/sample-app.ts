/**
 * The app built on the sample content (test/helpers/content-fixture.ts) and a fresh database,
 * plus a direct handle on that database so tests can arrange rows and check what was written.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { removeDir, writeSampleContent } from './content-fixture.js';
import type { TestDatabase } from './databases.js';
import { buildTestApp } from './test-app.js';

export interface SampleApp {
  app: FastifyInstance;
  db: Database;
}

/** Registers hooks that build the app before the suite and tear everything down after it. */
export function useSampleApp(create: () => Promise<TestDatabase>): SampleApp {
  const env = {} as SampleApp;
  let testDb: TestDatabase;
  let contentDir: string;
  beforeAll(async () => {
    contentDir = writeSampleContent();
    testDb = await create();
    env.app = await buildTestApp({ db: testDb, contentDir });
    env.db = openDatabase(testDb.config);
  });
  afterAll(async () => {
    await env.app?.close();
    await env.db?.destroy();
    await testDb?.drop();
    if (contentDir) removeDir(contentDir);
  });
  return env;
}
