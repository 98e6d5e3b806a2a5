import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSqliteDatabase, type TestDatabase } from '../helpers/databases.js';
import { buildTestApp } from '../helpers/test-app.js';

// The front cache sits in the HTTP server, before Fastify: only a listening app goes through it.
describe('answers to anonymous requests served before routing', () => {
  let db: TestDatabase;
  let app: FastifyInstance;
  let base: string;
  beforeAll(async () => {
    db = await createSqliteDatabase();
    app = await buildTestApp({ db });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = typeof address === 'object' && address ? `http://127.0.0.1:${address.port}` : '';
  });
  afterAll(async () => {
    await app?.close();
    await db?.drop();
  });

  const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers: { 'accept-encoding': 'br', ...headers } });
  const headersOf = (response: Response) => Object.fromEntries([...response.headers].filter(([name]) => name !== 'date'));

  it('answers a public page again with the same status, headers and bytes, and revalidates with 304', async () => {
    app.frontCache?.clear();
    const first = await get('/sample');
    const firstBody = await first.text();
    expect(app.frontCache?.size).toBe(1);
    const second = await get('/sample');
    expect(second.status).toBe(200);
    expect(await second.text()).toBe(firstBody);
    expect(headersOf(second)).toEqual(headersOf(first));
    expect(second.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    const again = await get('/sample', { 'if-none-match': String(first.headers.get('etag')) });
    expect(again.status).toBe(304);
  });

  it('keeps nothing asked with a cookie or credentials, nothing private, and nothing but success', async () => {
    app.frontCache?.clear();
    await get('/sample', { cookie: 'mp_theme=dark' });
    await get('/api/v1/roadmaps/sample', { authorization: 'Bearer mp_not-a-token' });
    await get('/account');
    await get('/sample/no-such-topic');
    await get('/search?q=alpha');
    expect(app.frontCache?.size).toBe(0);
    await get('/jsons/roadmaps/sample.json');
    expect(app.frontCache?.size).toBe(1);
  });

  it('forgets everything when the content changes', async () => {
    await get('/sample');
    expect(app.frontCache?.size).toBeGreaterThan(0);
    await app.catalog.roadmapChanged('sample');
    expect(app.frontCache?.size).toBe(0);
  });
});
