/**
 * When what Milepost depends on misbehaves: a slow or dead mail server, Redis gone and back, the
 * database gone or empty, a restore over a running server, files others could read, and requests
 * Node refuses before any route sees them.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp } from '../../src/app.js';
import { backupCommand } from '../../src/cli/commands/backup.js';
import { restoreCommand } from '../../src/cli/commands/restore.js';
import { loadConfig } from '../../src/config.js';
import { openDatabase } from '../../src/db/database.js';
import { LATEST_MIGRATION, migrateToLatest } from '../../src/db/migrate.js';
import type { Mailer } from '../../src/features/mail/mailer.js';
import { browser, expectError, getMe, logIn, mailedToken, nextIp, outboxFor, PASSWORD, signUp, uniqueEmail } from '../helpers/accounts.js';
import { DIALECTS, POSTGRES_ADMIN_URL, createSqliteDatabase } from '../helpers/databases.js';
import { freePort, startServerProcess } from '../helpers/server-process.js';
import { buildTestApp, sampleContentDir, useDatabase } from '../helpers/test-app.js';
import { memoryIo } from '../cli/support/memory-io.js';

/** A TCP server that accepts connections and never says a word: an SMTP server that hangs. */
async function silentServer(): Promise<{ url: string; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const post = (app: FastifyInstance, url: string, payload: object) => app.inject({ method: 'POST', url, payload, remoteAddress: nextIp() });

describe.each(DIALECTS)('mail without a working mail server on $name', ({ create }) => {
  const env = useDatabase(create);
  let hanging: { url: string; close(): Promise<void> };
  let app: FastifyInstance;
  beforeAll(async () => {
    hanging = await silentServer();
    app = await buildTestApp({ db: env.testDb, env: { SMTP_URL: hanging.url } });
  });
  afterAll(async () => {
    await app.close();
    await hanging.close();
  });

  it('answers sign-up and resets without waiting for SMTP, the same for known and unknown addresses', async () => {
    const users = [];
    for (let i = 0; i < 20; i++) users.push(await signUp(app));
    const reset = (email: string) => post(app, '/api/v1/auth/password-reset', { email });
    const known: number[] = [];
    const unknown: number[] = [];
    for (const user of users) {
      for (const [email, times] of [
        [user.email, known],
        [uniqueEmail('nobody'), unknown],
      ] as const) {
        const started = process.hrtime.bigint();
        const answer = await reset(email);
        times.push(Number(process.hrtime.bigint() - started) / 1e6);
        expect(answer.statusCode).toBe(202);
        expect(answer.json()).toEqual({ status: 'accepted' });
      }
    }
    // The work that differs happens after the answer: the two sets of answer times overlap.
    expect(Math.min(...known)).toBeLessThanOrEqual(Math.max(...unknown));
    expect(Math.min(...unknown)).toBeLessThanOrEqual(Math.max(...known));
    await app.settle();
    // The mail waits in the queue; nothing was sent, nothing was lost.
    const rows = await outboxFor(env.db, users[0]!.email);
    expect(rows.map((r) => r.subject).sort()).toEqual(['Confirm your email for Milepost', 'Reset your Milepost password']);
    for (const row of rows) expect(['pending', 'sending']).toContain(row.status);
  });

  it('keeps mail a dead server refused in the queue, with the reason and a later retry', async () => {
    const port = await freePort();
    const dead = await buildTestApp({ db: env.testDb, env: { SMTP_URL: `smtp://127.0.0.1:${port}` } });
    try {
      const user = await signUp(dead);
      expect((await post(dead, '/api/v1/auth/password-reset', { email: user.email })).statusCode).toBe(202);
      expect((await post(dead, '/api/v1/auth/password-reset', { email: uniqueEmail('nobody') })).statusCode).toBe(202);
      const retried = await vi.waitFor(
        async () => {
          const rows = await outboxFor(env.db, user.email);
          if (rows.length < 2 || rows.some((r) => r.attempts < 1)) throw new Error('not tried yet');
          return rows;
        },
        { timeout: 10_000, interval: 50 },
      );
      for (const row of retried) {
        expect(row).toMatchObject({ status: 'pending', attempts: 1 });
        expect(row.last_error).toMatch(/ECONNREFUSED/);
        expect(Date.parse(row.next_attempt_at ?? '')).toBeGreaterThan(Date.now() + 20_000);
      }
      expect((await logIn(dead, user.email, user.password)).statusCode).toBe(200);
    } finally {
      await dead.close();
    }
  });

  it('creates the account, its session and its first mail together, or none of them', async () => {
    const broken: Mailer = {
      send: async () => {
        throw new Error('the mail queue is full');
      },
      kick: () => undefined,
      depth: async () => ({ pending: 0, failed: 0 }),
      close: async () => undefined,
    };
    const appDb = openDatabase(env.testDb.config);
    const failing = await buildTestApp({ db: env.testDb, deps: { db: appDb, mailer: broken } });
    try {
      const email = uniqueEmail('atomic');
      expectError(await post(failing, '/api/v1/auth/signup', { email, password: PASSWORD }), 500, 'internal');
      expect(await env.db.selectFrom('users').select('id').where('email', '=', email).execute()).toEqual([]);
      const orphans = await env.db
        .selectFrom('sessions')
        .leftJoin('users', 'users.id', 'sessions.user_id')
        .select('sessions.token_hash')
        .where('users.id', 'is', null)
        .execute();
      expect(orphans).toEqual([]);
      // The address is still free: signing up again, with mail working, succeeds.
      expect((await post(app, '/api/v1/auth/signup', { email, password: PASSWORD })).statusCode).toBe(201);
    } finally {
      await failing.close();
      await appDb.destroy();
    }
  });
});

/** A Redis server of the test's own on a free port, which the test can stop and start again. */
async function ownRedis(port: number): Promise<ChildProcess> {
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await vi.waitFor(
    () =>
      new Promise<void>((resolve, reject) => {
        const socket = net.connect(port, '127.0.0.1', () => {
          socket.end();
          resolve();
        });
        socket.on('error', reject);
      }),
    { timeout: 10_000, interval: 50 },
  );
  return child;
}

describe.each(DIALECTS)('Redis unreachable on $name', ({ create }) => {
  const env = useDatabase(create);

  it('keeps signing up, signing in, resetting and verifying, logs the outage once and the recovery once', async () => {
    const port = await freePort();
    const lines: string[] = [];
    const config = loadConfig({
      CONTENT_DIR: sampleContentDir(),
      DATABASE_URL: env.testDb.url,
      LOG_LEVEL: 'info',
      REDIS_URL: `redis://127.0.0.1:${port}`,
      REDIS_PREFIX: `milepost-outage-${process.pid}:`,
    });
    const app = await buildApp(config, { logStream: { write: (line) => void lines.push(line) } });
    let redis: ChildProcess | undefined;
    try {
      const user = await signUp(app);
      expect((await logIn(app, user.email, user.password)).statusCode).toBe(200);
      expect((await post(app, '/api/v1/auth/password-reset', { email: user.email })).statusCode).toBe(202);
      const token = await mailedToken(env.db, user.email, '/verify-email');
      expect((await post(app, '/api/v1/auth/verify-email', { token })).statusCode).toBe(204);
      expect((await getMe(app, browser(user.session))).json().user.emailVerified).toBe(true);
      // The per-address limit still holds, counted in this process.
      const ip = nextIp();
      const guesses = [];
      for (let i = 0; i < 21; i++) {
        guesses.push(
          (
            await app.inject({
              method: 'POST',
              url: '/api/v1/auth/login',
              remoteAddress: ip,
              payload: { email: uniqueEmail(), password: 'wrong wrong' },
            })
          ).statusCode,
        );
      }
      expect(guesses.at(-1)).toBe(429);

      const ready = await app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(200);
      expect(ready.json().checks).toMatchObject({ database: 'up', redis: 'down' });

      const messages = () => lines.map((line) => JSON.parse(line) as { msg: string; level: number });
      expect(messages().filter((m) => m.msg.startsWith('Redis does not answer'))).toHaveLength(1);
      expect(messages().filter((m) => m.level >= 50)).toEqual([]);

      redis = await ownRedis(port);
      await vi.waitFor(async () => expect((await app.inject({ url: '/readyz' })).json().checks.redis).toBe('up'), { timeout: 15_000, interval: 100 });
      expect((await logIn(app, user.email, user.password)).statusCode).toBe(200);
      expect(messages().filter((m) => m.msg.startsWith('Redis answers again'))).toHaveLength(1);
      expect(messages().filter((m) => m.msg.startsWith('Redis does not answer'))).toHaveLength(1);
    } finally {
      await app.close();
      redis?.kill('SIGTERM');
    }
  });
});

describe('the database away or empty, on sqlite', () => {
  it('answers 503 in the JSON shape while the database is locked or emptied, and /readyz tells why', async () => {
    const testDb = await createSqliteDatabase();
    const app = await buildTestApp({ db: testDb });
    const other = openDatabase(testDb.config);
    try {
      const user = await signUp(app);
      // Another process holds the write lock for longer than the busy timeout.
      const locker = new SQLite(testDb.config.dialect === 'sqlite' ? testDb.config.filename : '');
      locker.exec('begin exclusive');
      try {
        const put = await app.inject({
          method: 'PUT',
          url: '/api/v1/me/progress/sample/topics/alpha',
          headers: browser(user.session),
          payload: { status: 'done' },
        });
        expectError(put, 503, 'unavailable');
        expect(put.headers['retry-after']).toBe('5');
      } finally {
        locker.exec('rollback');
        locker.close();
      }
      // The database comes back empty (restored from nothing): not ready, and routes say so.
      const tables = await other.introspection.getTables();
      await sql`pragma foreign_keys = off`.execute(other);
      for (const table of tables) await other.schema.dropTable(table.name).ifExists().execute();
      const ready = await app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({
        error: { code: 'unavailable' },
        checks: { database: 'up', schema: { applied: null, expected: LATEST_MIGRATION } },
      });
      expectError(await getMe(app, browser(user.session)), 503, 'unavailable');
      expectError(await post(app, '/api/v1/auth/signup', { email: uniqueEmail(), password: PASSWORD }), 503, 'unavailable');
      await migrateToLatest(other);
      expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
    } finally {
      await app.close();
      await other.destroy();
      await testDb.drop();
    }
  });
});

describe('the database away or empty, on postgres', () => {
  it('answers 503 in the JSON shape while the database is gone or empty, and /readyz tells why', async () => {
    const name = `milepost_outage_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
    await admin.connect();
    const url = new URL(POSTGRES_ADMIN_URL);
    url.pathname = `/${name}`;
    await admin.query(`CREATE DATABASE ${name}`);
    const testDb = {
      name: 'postgres' as const,
      config: { dialect: 'postgres' as const, connectionString: url.href },
      url: url.href,
      drop: async () => {},
    };
    const app = await buildTestApp({ db: testDb });
    try {
      const user = await signUp(app);
      await admin.query(`DROP DATABASE ${name} WITH (FORCE)`);
      const ready = await app.inject({ url: '/readyz' });
      expect(ready.statusCode).toBe(503);
      expect(ready.json()).toMatchObject({ error: { code: 'unavailable' }, checks: { database: 'down' } });
      expectError(await getMe(app, browser(user.session)), 503, 'unavailable');
      expectError(await post(app, '/api/v1/auth/signup', { email: uniqueEmail(), password: PASSWORD }), 503, 'unavailable');

      await admin.query(`CREATE DATABASE ${name}`);
      const empty = await app.inject({ url: '/readyz' });
      expect(empty.statusCode).toBe(503);
      expect(empty.json().checks).toMatchObject({ database: 'up', schema: { applied: null } });
      expectError(await getMe(app, browser(user.session)), 503, 'unavailable');
      const direct = openDatabase(testDb.config);
      await migrateToLatest(direct);
      await direct.destroy();
      expect((await app.inject({ url: '/readyz' })).statusCode).toBe(200);
      expectError(await getMe(app, browser(user.session)), 401, 'unauthenticated');
    } finally {
      await app.close();
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
    }
  });
});

describe('files on disk', () => {
  it('creates the SQLite database and its backups readable by their owner only, and tightens an existing database', async () => {
    const testDb = await createSqliteDatabase();
    const filename = testDb.config.dialect === 'sqlite' ? testDb.config.filename : '';
    const previous = process.umask(0o022);
    try {
      const db = openDatabase(testDb.config);
      await migrateToLatest(db);
      await db.destroy();
      const mode = (file: string) => fs.statSync(file).mode & 0o777;
      expect(mode(filename)).toBe(0o600);
      const backup = path.join(path.dirname(filename), 'copy.backup');
      expect(await backupCommand([backup], { config: { database: testDb.config }, io: memoryIo() })).toBe(0);
      expect(mode(backup)).toBe(0o600);
      fs.chmodSync(filename, 0o644);
      const reopened = openDatabase(testDb.config);
      await reopened.destroy();
      expect(mode(filename)).toBe(0o600);
    } finally {
      process.umask(previous);
      await testDb.drop();
    }
  });

  it('refuses to restore over the database of a running server, even with --force', async () => {
    const testDb = await createSqliteDatabase();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'milepost-restore-'));
    const server = await startServerProcess({ databaseUrl: testDb.url });
    try {
      const backup = path.join(dir, 'live.backup');
      const ctx = { config: { database: testDb.config }, io: memoryIo() };
      expect(await backupCommand([backup], ctx)).toBe(0);
      await expect(restoreCommand([backup, '--force'], ctx)).rejects.toThrow(`A Milepost server (pid ${server.child.pid}) is using`);
      await server.stop();
      expect(await restoreCommand([backup, '--force'], ctx)).toBe(0);
    } finally {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
      await testDb.drop();
    }
  });
});

describe('requests refused before routing', () => {
  let app: FastifyInstance;
  let base: string;
  let testDb: Awaited<ReturnType<typeof createSqliteDatabase>>;
  beforeAll(async () => {
    testDb = await createSqliteDatabase();
    app = await buildTestApp({ db: testDb });
    await app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(app.server.address() as net.AddressInfo).port}`;
  });
  afterAll(async () => {
    await app.close();
    await testDb.drop();
  });

  /** Sends raw bytes and returns the raw answer. */
  const raw = (request: string) =>
    new Promise<string>((resolve, reject) => {
      const url = new URL(base);
      const socket = net.connect(Number(url.port), url.hostname, () => socket.end(request));
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk.toString()));
      socket.on('end', () => resolve(answer));
      socket.on('error', reject);
    });
  const bodyOf = (answer: string) => answer.slice(answer.indexOf('\r\n\r\n') + 4);

  it('answers oversized headers with 431 and an unknown method with 405, as JSON under /api and as a page elsewhere', async () => {
    const big = `X-Filler: ${'a'.repeat(20_000)}\r\n`;
    const headers = await raw(`GET /api/v1/me HTTP/1.1\r\nHost: x\r\n${big}\r\n`);
    expect(headers.split('\r\n')[0]).toBe('HTTP/1.1 431 Request Header Fields Too Large');
    expect(JSON.parse(bodyOf(headers))).toEqual({ error: { code: 'headers_too_large', message: 'The request headers are too large.' } });
    const page = await raw(`GET /backend HTTP/1.1\r\nHost: x\r\n${big}\r\n`);
    expect(page).toContain('Content-Type: text/html; charset=utf-8');
    expect(bodyOf(page)).toContain('The request headers are too large.');
    const method = await raw('FROB /api/v1/me HTTP/1.1\r\nHost: x\r\n\r\n');
    expect(method.split('\r\n')[0]).toBe('HTTP/1.1 405 Method Not Allowed');
    expect(JSON.parse(bodyOf(method))).toEqual({ error: { code: 'method_not_allowed', message: 'This method is not allowed here.' } });
  });

  it('answers //api/v1/me in JSON like /api/v1/me, and a form-encoded API body with 415', async () => {
    const doubled = await fetch(`${base}//api/v1/me`, { redirect: 'manual' });
    expect(doubled.status).toBe(401);
    expect(await doubled.json()).toEqual({ error: { code: 'unauthenticated', message: 'You need to sign in.' } });
    const form = await fetch(`${base}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40example.org&password=whatever12',
    });
    expect(form.status).toBe(415);
    expect((await form.json()).error.code).toBe('unsupported_media_type');
    // The site's own forms still post form-encoded bodies.
    const login = await fetch(`${base}/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
      body: 'email=a%40example.org&password=whatever12',
      redirect: 'manual',
    });
    expect(login.status).toBe(401);
  });
});
