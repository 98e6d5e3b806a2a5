/**
 * Prometheus metrics over real HTTP, on both databases: off by default; with METRICS_TOKEN only
 * for that bearer token; with METRICS_PORT on a port of their own. Requests are counted by route
 * template and status, cache reads by cache, batches by writer, open streams as they open and
 * close, and no URL, username or token ever reaches a label.
 */
import net from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { browser, signUp } from '../helpers/accounts.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { buildTestApp } from '../helpers/test-app.js';

const TOKEN = 'metrics-token-0123456789abcdef';

async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function listen(app: FastifyInstance): Promise<string> {
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address() as net.AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

/** The value of one sample: `name{labels…}`, labels in any order (the dialect label is added by the registry). */
function sample(text: string, name: string, labels: Record<string, string>): number | undefined {
  for (const line of text.split('\n')) {
    const match = /^([a-z_:]+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = Object.fromEntries([...match[2]!.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]]));
    if (Object.entries(labels).every(([k, v]) => found[k] === v)) return Number(match[3]);
  }
  return undefined;
}

describe.each(DIALECTS)('metrics on $name', ({ name, create }) => {
  let db: TestDatabase;
  let plain: FastifyInstance;
  let app: FastifyInstance;
  let base = '';
  let metricsPort = 0;

  beforeAll(async () => {
    db = await create();
    plain = await buildTestApp({ db });
    metricsPort = await freePort();
    app = await buildTestApp({ db, env: { METRICS_TOKEN: TOKEN, METRICS_PORT: String(metricsPort) } });
    base = await listen(app);
  });
  afterAll(async () => {
    await app?.close();
    await plain?.close();
    await db?.drop();
  });

  const scrape = async () => {
    const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.status).toBe(200);
    return response.text();
  };

  it('has no /metrics unless the operator turns them on', async () => {
    const response = await plain.inject({ method: 'GET', url: '/metrics' });
    expect(response.statusCode).toBe(404);
  });

  it('asks for the token, and refuses a wrong one', async () => {
    const refused: Record<string, string>[] = [{}, { authorization: 'Bearer not-the-token-at-all-000000' }, { authorization: TOKEN }];
    for (const headers of refused) {
      const response = await fetch(`${base}/metrics`, { headers });
      expect(response.status).toBe(401);
      expect(response.headers.get('www-authenticate')).toBe('Bearer realm="metrics"');
      expect(((await response.json()) as { error: unknown }).error).toEqual({
        code: 'unauthenticated',
        message: 'The metrics need the token the operator set (METRICS_TOKEN), as a bearer token.',
      });
    }
    const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${TOKEN}` } });
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  });

  it('counts requests by route template and status, never by URL', async () => {
    const before = await scrape();
    const count = (text: string, route: string, status: string) =>
      sample(text, 'milepost_http_requests_total', { method: 'GET', route, status }) ?? 0;
    for (let i = 0; i < 3; i++) expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const secret = 'a-secret-invite-token-that-must-not-leak';
    for (let i = 0; i < 2; i++) expect((await fetch(`${base}/api/v1/invites/${secret}`)).status).toBe(401);
    expect((await fetch(`${base}/no/such/page/for-someone@example.org`)).status).toBe(404);
    const after = await scrape();
    expect(count(after, '/healthz', '200') - count(before, '/healthz', '200')).toBe(3);
    expect(count(after, '/api/v1/invites/:token', '401') - count(before, '/api/v1/invites/:token', '401')).toBe(2);
    expect(count(after, 'unmatched', '404') - count(before, 'unmatched', '404')).toBe(1);
    expect(sample(after, 'milepost_http_request_duration_seconds_count', { method: 'GET', route: '/healthz', status: '200' })).toBe(
      count(after, '/healthz', '200'),
    );
    expect(after).not.toContain(secret);
    expect(after).not.toContain('example.org');
    expect(sample(after, 'milepost_process_cpu_user_seconds_total', { dialect: name })).toBeGreaterThan(0);
  });

  it('counts cache reads, group-commit batches and statements', async () => {
    const who = await signUp(app, { name: 'Metered' });
    const before = await scrape();
    const hits = (text: string) => sample(text, 'milepost_cache_requests_total', { cache: 'credentials', result: 'hit' }) ?? 0;
    const batches = (text: string) => sample(text, 'milepost_group_commit_batch_size_count', { writer: 'progress' }) ?? 0;
    const statements = (text: string, kind: string) => sample(text, 'milepost_db_query_duration_seconds_count', { kind }) ?? 0;
    // The first request reads the session; the three after it find it in memory.
    for (let i = 0; i < 4; i++) expect((await fetch(`${base}/api/v1/me`, { headers: browser(who.session) })).status).toBe(200);
    const put = await fetch(`${base}/api/v1/me/progress/sample/topics/alpha`, {
      method: 'PUT',
      headers: { ...browser(who.session), 'content-type': 'application/json' },
      body: JSON.stringify({ status: 'done' }),
    });
    expect(put.status).toBe(200);
    const after = await scrape();
    expect(hits(after) - hits(before)).toBe(4);
    expect(batches(after) - batches(before)).toBe(1);
    // The session's read is a select; the status upsert is written as raw SQL (`other`).
    expect(statements(after, 'select') - statements(before, 'select')).toBeGreaterThanOrEqual(1);
    expect(statements(after, 'other') - statements(before, 'other')).toBeGreaterThanOrEqual(1);
    const pool = sample(after, 'milepost_db_pool_connections', { state: 'total' });
    if (name === 'postgres') expect(pool).toBeGreaterThan(0);
    else expect(pool).toBeUndefined();
    const ready = (await (await fetch(`${base}/readyz`)).json()) as { checks: { mail: { pending: number; failed: number } } };
    expect(sample(after, 'milepost_mail_queue', { state: 'pending' })).toBe(ready.checks.mail.pending);
    expect(sample(after, 'milepost_mail_queue', { state: 'failed' })).toBe(ready.checks.mail.failed);
  });

  it('counts open live-dashboard streams as they open and close', async () => {
    const owner = await signUp(app, { name: 'Streamer' });
    const made = await fetch(`${base}/api/v1/teams`, {
      method: 'POST',
      headers: { ...browser(owner.session), 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Metered team' }),
    });
    const teamId = ((await made.json()) as { id: string }).id;
    const open = async () => sample(await scrape(), 'milepost_sse_streams_open', {});
    expect(await open()).toBe(0);
    const controller = new AbortController();
    const stream = await fetch(`${base}/api/v1/teams/${teamId}/events`, { headers: browser(owner.session), signal: controller.signal });
    expect(stream.status).toBe(200);
    expect(await open()).toBe(1);
    controller.abort();
    const deadline = Date.now() + 5000;
    while ((await open()) !== 0) {
      if (Date.now() > deadline) throw new Error('the stream stayed open');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  });

  it('serves the metrics on their own port without a token, and nothing else there', async () => {
    const response = await fetch(`http://127.0.0.1:${metricsPort}/metrics`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('milepost_http_requests_total');
    const other = await fetch(`http://127.0.0.1:${metricsPort}/healthz`);
    expect(other.status).toBe(404);
    expect(await other.json()).toEqual({ error: { code: 'not_found', message: 'Only /metrics is served on this port.' } });
  });
});
