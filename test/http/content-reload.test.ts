import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/index.js';
import type { CliIo } from '../../src/cli/command-context.js';
import { removeDir, topicFile, writeSampleContent } from '../helpers/content-fixture.js';
import { createSqliteDatabase, type TestDatabase } from '../helpers/databases.js';
import { startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { keysUnder, REDIS_URL } from '../helpers/shared-instances.js';
import { buildTestApp } from '../helpers/test-app.js';

function capture(): CliIo & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), readLine: async () => null };
}

async function eventually(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const BETA = (title: string) => topicFile('beta', { title, prerequisites: ['alpha-one'], hours: 4.5 });

describe('content reload without a restart', () => {
  let contentDir: string;
  let testDb: TestDatabase;
  let server: ServerProcess;
  const env = () => ({ CONTENT_DIR: contentDir, DATABASE_URL: testDb.url });

  beforeAll(async () => {
    contentDir = writeSampleContent();
    testDb = await createSqliteDatabase();
    server = await startServerProcess({ databaseUrl: testDb.url, env: { CONTENT_DIR: contentDir } });
  });
  afterAll(async () => {
    await server?.stop();
    await testDb?.drop();
    removeDir(contentDir);
  });

  const page = async () => (await fetch(`${server.url}/sample/beta`)).text();

  it('serves an edited topic after `milepost content reload`, and keeps serving on broken content', async () => {
    expect(await page()).toContain('id="topic-title-beta">Beta</h1>');
    fs.writeFileSync(path.join(contentDir, 'roadmaps/sample/topics/beta.md'), BETA('Beta Revised'));
    const io = capture();
    expect(await runCli(['content', 'reload'], io, env())).toBe(0);
    expect(io.lines.at(-1)).toMatch(/^Asked the server \(process \d+\) to reload the content/);
    await eventually(async () => (await page()).includes('id="topic-title-beta">Beta Revised</h1>'), 'the new title');
    const json = await (await fetch(`${server.url}/jsons/roadmaps/sample.json`)).json();
    expect(json.topics.find((t: { id: string }) => t.id === 'beta').title).toBe('Beta Revised');

    fs.writeFileSync(path.join(contentDir, 'roadmaps/sample/topics/beta.md'), '---\ntitle: Broken\nlevel: beginner\nhours: -1\n---\n');
    const refused = capture();
    expect(await runCli(['content', 'reload'], refused, env())).toBe(65);
    expect(refused.lines).toContain('roadmaps/sample/topics/beta.md:4: hours: must be > 0');
    // The server is signalled directly too: it finds the same problems and keeps what it had.
    process.kill(Number(fs.readFileSync(`${testDb.url.slice('sqlite:'.length)}.pid`, 'utf8')), 'SIGHUP');
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await page()).toContain('id="topic-title-beta">Beta Revised</h1>');
    expect((await fetch(`${server.url}/readyz`)).status).toBe(200);
  });
});

describe('content reload across instances', () => {
  let contentDir: string;
  let testDb: TestDatabase;
  let first: FastifyInstance;
  let second: FastifyInstance;
  const prefix = `milepost-test-${randomBytes(5).toString('hex')}:`;

  beforeAll(async () => {
    contentDir = writeSampleContent();
    testDb = await createSqliteDatabase();
    const config = { REDIS_URL, REDIS_PREFIX: prefix };
    first = await buildTestApp({ db: testDb, contentDir, env: config });
    second = await buildTestApp({ db: testDb, contentDir, env: config });
    await first.ready();
    await second.ready();
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    const redis = new Redis(REDIS_URL);
    const keys = await keysUnder(redis, prefix);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await testDb?.drop();
    removeDir(contentDir);
  });

  it('tells the other instances, which reload too', async () => {
    const title = async (app: FastifyInstance) => (await app.inject({ url: '/api/v1/roadmaps/sample/topics/beta' })).json().title;
    expect([await title(first), await title(second)]).toEqual(['Beta', 'Beta']);
    fs.writeFileSync(path.join(contentDir, 'roadmaps/sample/topics/beta.md'), BETA('Beta Everywhere'));
    expect((await first.catalog.reload()).changed).toEqual(['sample']);
    expect(await title(first)).toBe('Beta Everywhere');
    await eventually(async () => (await title(second)) === 'Beta Everywhere', 'the second instance to reload');
  });
});
