/** Real Chromium (Debian's /usr/bin/chromium) driven by playwright-core, and a real listening server. */
import fs from 'node:fs';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { chromium, type Browser } from 'playwright-core';
import { createSqliteDatabase, type TestDatabase } from './databases.js';
import type { AppDependencies } from '../../src/app.js';
import { buildTestApp } from './test-app.js';

/** The two screens browser features are checked on: a 390 × 844 phone (touch) and a 1280 × 900 laptop. */
export const SIZES = [
  { name: 'phone', options: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true } },
  { name: 'desktop', options: { viewport: { width: 1280, height: 900 } } },
];

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** How Chromium runs here: headless, with nothing that reaches outside the machine. */
export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM_PATH)) throw new Error(`Chromium not found at ${CHROMIUM_PATH}; install it with: apt-get install -y chromium`);
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_FLAGS });
}

export interface LiveServer {
  app: FastifyInstance;
  url: string;
  /** The database it runs on, to arrange what no form can (an administrator). */
  db: TestDatabase;
  close(): Promise<void>;
}

/** A listening app on a fresh SQLite database; `env` adds configuration, e.g. `{ SMTP_URL }`. */
export async function startLiveServer(
  contentDir = path.resolve('content'),
  env: Record<string, string> = {},
  deps: AppDependencies = {},
): Promise<LiveServer> {
  const db: TestDatabase = await createSqliteDatabase();
  const app = await buildTestApp({ db, contentDir, env, deps });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (!address || typeof address === 'string') throw new Error('server has no port');
  return {
    app,
    db,
    url: `http://127.0.0.1:${address.port}`,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

export const AXE_PATH = path.resolve('node_modules/axe-core/axe.min.js');
