import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll } from 'vitest';
import { buildApp, type AppDependencies } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { migrateToLatest } from '../../src/db/migrate.js';
import { removeDir, writeSampleContent } from './content-fixture.js';
import type { TestDatabase } from './databases.js';

let sampleDir: string | undefined;
let cacheDir: string | undefined;

/** One folder for made files (PDFs, images) per test process, removed when it exits. */
export function testCacheDir(): string {
  if (!cacheDir) {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'milepost-cache-'));
    cacheDir = dir;
    process.once('exit', () => fs.rmSync(dir, { recursive: true, force: true }));
  }
  return cacheDir;
}

/** One sample content folder per test process, for every app that names no content of its own. */
export function sampleContentDir(): string {
  if (!sampleDir) {
    const dir = writeSampleContent();
    sampleDir = dir;
    process.once('exit', () => removeDir(dir));
  }
  return sampleDir;
}

/**
 * Builds the app on the given content folder (the sample roadmaps by default, so that editing the
 * real content never breaks an unrelated test) and database, quiet unless a test fails.
 */
export async function buildTestApp(options: {
  contentDir?: string;
  db: TestDatabase;
  env?: Record<string, string>;
  /** Services to use instead of those the config names (e.g. a mailer with a captured log). */
  deps?: AppDependencies;
}): Promise<FastifyInstance> {
  const config = loadConfig({
    CONTENT_DIR: options.contentDir ?? sampleContentDir(),
    DATABASE_URL: options.db.url,
    LOG_LEVEL: 'silent',
    CACHE_DIR: testCacheDir(),
    ...options.env,
  });
  return buildApp(config, options.deps);
}

export interface TestApp {
  app: FastifyInstance;
  /** A direct handle on the app's database, to arrange rows and check what was written. */
  db: Database;
  testDb: TestDatabase;
}

/**
 * Registers hooks that create a fresh database and build the app on it before the suite, and
 * tear both down after it. `contentDir()` is called in the before hook when given.
 */
export function useTestApp(create: () => Promise<TestDatabase>, options: { contentDir?: () => string } = {}): TestApp {
  const env = {} as TestApp;
  beforeAll(async () => {
    env.testDb = await create();
    env.app = await buildTestApp({ db: env.testDb, ...(options.contentDir ? { contentDir: options.contentDir() } : {}) });
    env.db = openDatabase(env.testDb.config);
  });
  afterAll(async () => {
    await env.app?.close();
    await env.db?.destroy();
    await env.testDb?.drop();
  });
  return env;
}

/** Registers hooks that create a fresh database (migrated when asked) and drop it after the suite. */
export function useDatabase(create: () => Promise<TestDatabase>, options: { migrated?: boolean } = {}): Omit<TestApp, 'app'> {
  const env = {} as Omit<TestApp, 'app'>;
  beforeAll(async () => {
    env.testDb = await create();
    env.db = openDatabase(env.testDb.config);
    if (options.migrated) await migrateToLatest(env.db);
  });
  afterAll(async () => {
    await env.db?.destroy();
    await env.testDb?.drop();
  });
  return env;
}
