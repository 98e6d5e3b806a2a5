import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { browser, signUp } from '../helpers/accounts.js';
import { createSqliteDatabase } from '../helpers/databases.js';
import { useTestApp } from '../helpers/test-app.js';

// Compression is the same on either database; what it compresses comes from the app.
describe('compressed dynamic answers', () => {
  const env = useTestApp(createSqliteDatabase);

  it('compresses JSON over 1 KB with brotli or gzip, as the client accepts, and leaves small answers alone', async () => {
    const user = await signUp(env.app);
    for (const topic of ['alpha', 'alpha-one', 'alpha-two', 'beta', 'gamma', 'gamma-one']) {
      await env.app.inject({
        method: 'PUT',
        url: `/api/v1/me/progress/sample/topics/${topic}`,
        headers: browser(user.session),
        payload: { status: 'done' },
      });
    }
    const url = '/api/v1/me/export';
    const plain = await env.app.inject({ url, headers: browser(user.session) });
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(1024);
    const br = await env.app.inject({ url, headers: { ...browser(user.session), 'accept-encoding': 'br, gzip' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString()).progress).toHaveLength(6);
    const gzip = await env.app.inject({ url, headers: { ...browser(user.session), 'accept-encoding': 'gzip' } });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gzip.rawPayload).toString()).activity).toHaveLength(6);
    const small = await env.app.inject({ url: '/api/v1/me', headers: { ...browser(user.session), 'accept-encoding': 'br' } });
    expect(small.rawPayload.length).toBeLessThan(1024);
    expect(small.headers['content-encoding']).toBeUndefined();
  });
});
