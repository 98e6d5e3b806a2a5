/**
 * Three server processes behind a real nginx (round robin, `X-Forwarded-For` appended), sharing
 * one database and one Redis, as the README's deployment runs. Clients connect to nginx from
 * addresses of their own in 127.0.0.0/8, so nginx sees a different real address for each.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { removeDir, writeSampleContent } from '../helpers/content-fixture.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { freePort, startServerProcess, type ServerProcess } from '../helpers/server-process.js';
import { keysUnder, REDIS_URL } from '../helpers/shared-instances.js';

const NGINX = '/usr/sbin/nginx';
const PASSWORD = 'correct horse battery staple 42';

interface Answer {
  status: number;
  body: string;
  setCookie: string[];
  /** The instance nginx sent the request to. */
  upstream: string;
}

function nginxConfig(dir: string, port: number, upstreams: number[]): string {
  return `worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  upstream milepost {
${upstreams.map((p) => `    server 127.0.0.1:${p};`).join('\n')}
    keepalive 16;
  }
  server {
    listen 127.0.0.1:${port};
    location / {
      proxy_pass http://milepost;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host $http_host;
      proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
      add_header X-Upstream $upstream_addr always;
    }
  }
}
`;
}

async function waitFor(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

describe.each(DIALECTS)('three instances behind nginx on $name', ({ create }) => {
  const prefix = `milepost-test-${randomBytes(5).toString('hex')}:`;
  let testDb: TestDatabase;
  let contentDir: string;
  let nginxDir: string;
  let nginx: ChildProcess | undefined;
  let servers: ServerProcess[] = [];
  let port: number;
  let origin: string;

  /** One request through nginx, from `from` (an address in 127.0.0.0/8). */
  function send(from: string, method: string, url: string, options: { body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
    const body = options.body === undefined ? undefined : JSON.stringify(options.body);
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          localAddress: from,
          method,
          path: url,
          agent: false,
          headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers },
        },
        (response) => {
          let text = '';
          response.setEncoding('utf8');
          response.on('data', (chunk: string) => (text += chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              body: text,
              setCookie: response.headers['set-cookie'] ?? [],
              upstream: String(response.headers['x-upstream']),
            }),
          );
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  const statuses = (answers: Answer[]) =>
    answers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});

  async function signUp(from: string, email: string): Promise<string> {
    const answer = await send(from, 'POST', '/api/v1/auth/signup', { body: { email, password: PASSWORD, name: 'Proxied Learner' } });
    expect(answer.status).toBe(201);
    const cookie = answer.setCookie.find((c) => c.startsWith('mp_session='));
    return cookie!.split(';')[0]!;
  }

  beforeAll(async () => {
    testDb = await create();
    contentDir = writeSampleContent();
    nginxDir = fs.mkdtempSync(path.join(os.tmpdir(), 'milepost-nginx-'));
    port = await freePort();
    origin = `http://127.0.0.1:${port}`;
    const env = { CONTENT_DIR: contentDir, REDIS_URL, REDIS_PREFIX: prefix, TRUST_PROXY: '127.0.0.1', BASE_URL: origin };
    servers = await Promise.all([0, 1, 2].map(() => startServerProcess({ databaseUrl: testDb.url, env })));
    fs.writeFileSync(
      path.join(nginxDir, 'nginx.conf'),
      nginxConfig(
        nginxDir,
        port,
        servers.map((s) => s.port),
      ),
    );
    nginx = spawn(NGINX, ['-p', nginxDir, '-e', path.join(nginxDir, 'error.log'), '-c', path.join(nginxDir, 'nginx.conf'), '-g', 'daemon off;'], {
      stdio: 'ignore',
    });
    await waitFor(async () => (await send('127.0.0.1', 'GET', '/readyz')).status === 200, 'nginx to answer');
  }, 90_000);

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGQUIT');
      await new Promise((resolve) => nginx!.once('exit', resolve));
    }
    await Promise.all(servers.map((s) => s.stop()));
    const redis = new Redis(REDIS_URL);
    const keys = await keysUnder(redis, prefix);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
    await testDb?.drop();
    removeDir(contentDir);
    removeDir(nginxDir);
  }, 60_000);

  it('checks exactly 5 of 100 simultaneous guesses from 100 addresses, and refuses the rest with 429', async () => {
    const email = `target-${randomBytes(4).toString('hex')}@example.org`;
    await signUp('127.0.3.1', email);
    const guesses = Array.from({ length: 100 }, (_, i) =>
      send(`127.0.1.${i + 1}`, 'POST', '/api/v1/auth/login', { body: { email, password: i === 99 ? PASSWORD : `wrong guess ${i}` } }),
    );
    const answers = await Promise.all(guesses);
    const counts = statuses(answers);
    // The right password may have been among the 5 checked; either way no more than 5 were.
    expect((counts[401] ?? 0) + (counts[200] ?? 0)).toBe(5);
    expect(counts[429]).toBe(95);
    for (const a of answers.filter((x) => x.status === 429)) expect(JSON.parse(a.body).error.code).toBe('rate_limited');
  });

  it('keys the per-address limit on the address nginx saw, not on a spoofed X-Forwarded-For', async () => {
    const answers: Answer[] = [];
    for (let i = 0; i < 30; i++) {
      answers.push(
        await send('127.0.2.7', 'POST', '/api/v1/auth/login', {
          body: { email: `nobody-${i}-${randomBytes(3).toString('hex')}@example.org`, password: 'not the one 123' },
          headers: { 'x-forwarded-for': `198.51.100.${i + 1}` },
        }),
      );
    }
    expect(answers.slice(0, 20).map((a) => a.status)).toEqual(Array(20).fill(401));
    expect(answers.slice(20).map((a) => a.status)).toEqual(Array(10).fill(429));
    // Another real address is not affected.
    const other = await send('127.0.2.8', 'POST', '/api/v1/auth/login', {
      body: { email: 'nobody-else@example.org', password: 'not the one 123' },
      headers: { 'x-forwarded-for': '198.51.100.1' },
    });
    expect(other.status).toBe(401);
  });

  it('refuses a revoked token on every instance at once', async () => {
    const from = '127.0.4.1';
    const cookie = await signUp(from, `tokens-${randomBytes(4).toString('hex')}@example.org`);
    const browser = { cookie, origin };
    const created = await send(from, 'POST', '/api/v1/me/tokens', { body: { name: 'script' }, headers: browser });
    expect(created.status).toBe(201);
    const { token, info } = JSON.parse(created.body) as { token: string; info: { id: string } };
    const id = info.id;
    const bearer = { authorization: `Bearer ${token}` };
    // Every instance has checked the token, and keeps it in memory.
    const warm = await Promise.all(Array.from({ length: 9 }, () => send(from, 'GET', '/api/v1/me', { headers: bearer })));
    expect(statuses(warm)).toEqual({ 200: 9 });
    expect(new Set(warm.map((a) => a.upstream))).toEqual(new Set(servers.map((s) => `127.0.0.1:${s.port}`)));
    expect((await send(from, 'DELETE', `/api/v1/me/tokens/${id}`, { headers: browser })).status).toBe(204);
    const after = await Promise.all(Array.from({ length: 20 }, () => send(from, 'GET', '/api/v1/me', { headers: bearer })));
    expect(statuses(after)).toEqual({ 401: 20 });
  });
});
