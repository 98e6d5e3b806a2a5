import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp, type AppDependencies } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import type { TestDatabase } from './databases.js';

/** Builds the app on the given content folder and database, quiet unless a test fails. */
export async function buildTestApp(options: {
  contentDir?: string;
  db: TestDatabase;
  env?: Record<string, string>;
  /** Services to use instead of those the config names (e.g. a mailer with a captured log). */
  deps?: AppDependencies;
}): Promise<FastifyInstance> {
  const config = loadConfig({
    CONTENT_DIR: options.contentDir ?? path.resolve('content'),
    DATABASE_URL: options.db.url,
    LOG_LEVEL: 'silent',
    ...options.env,
  });
  return buildApp(config, options.deps);
}
