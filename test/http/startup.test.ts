import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { removeDir, writeSampleContent } from '../helpers/content-fixture.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeDir));

/** Starts the real server entry point and returns how it ended (it must not stay up). */
function startServer(env: Record<string, string>) {
  // Vitest puts Vite's BASE_URL ('/') into the environment; the server would read it as ours.
  const { BASE_URL: _viteBase, ...inherited } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...inherited, LOG_LEVEL: 'silent', HOST: '127.0.0.1', PORT: '0', DATABASE_URL: 'sqlite::memory:', ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

describe('server start-up', () => {
  it('refuses to start on invalid content and prints file:line problems', () => {
    const dir = writeSampleContent();
    dirs.push(dir);
    const file = `${dir}/roadmaps/sample/topics/gamma.md`;
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('hours: 10', 'hours: soon'));
    const result = startServer({ CONTENT_DIR: dir });
    expect(result.status).toBe(65);
    expect(result.stderr).toContain('Refusing to start');
    expect(result.stderr).toContain('roadmaps/sample/topics/gamma.md:4: hours: expected number');
  });

  it('refuses to start on bad configuration, naming the variable', () => {
    const result = startServer({ PORT: 'eighty' });
    expect(result.status).toBe(78);
    expect(result.stderr).toContain('PORT');
  });
});

describe('the built server', () => {
  it('starts from dist/ as npm start runs it, and serves pages, assets, the API and its docs', async () => {
    const { startServerProcess } = await import('../helpers/server-process.js');
    const { createSqliteDatabase } = await import('../helpers/databases.js');
    const dir = writeSampleContent();
    dirs.push(dir);
    const db = await createSqliteDatabase();
    const server = await startServerProcess({ databaseUrl: db.url, env: { CONTENT_DIR: dir }, entry: 'scripts/start.js' });
    try {
      const page = await fetch(`${server.url}/sample`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain('<h1>Sample Developer</h1>');
      const script = html.match(/src="(\/assets\/roadmap\.[^"]+)"/)?.[1] ?? '';
      expect((await fetch(`${server.url}${script}`)).status).toBe(200);
      expect((await (await fetch(`${server.url}/api/v1/roadmaps/sample`)).json()).topics).toHaveLength(7);
      expect((await fetch(`${server.url}/api/docs/`)).status).toBe(200);
    } finally {
      await server.stop();
      await db.drop();
    }
  });
});
