/**
 * Limits that hold under pressure: parallel password guesses against one account, client
 * addresses behind a proxy, and per-user limits on progress writes, with profiles that stay cheap
 * however long the activity log grows.
 */
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';
import { FREE_FAILURES } from '../../src/features/auth/login-throttle.js';
import { AUTH_ATTEMPTS_PER_MINUTE } from '../../src/features/auth/auth-rate-limit.js';
import { browser, expectError, logIn, nextIp, signUp, uniqueEmail } from '../helpers/accounts.js';
import { DIALECTS } from '../helpers/databases.js';
import { useSharedInstances } from '../helpers/shared-instances.js';
import { buildTestApp, useTestApp } from '../helpers/test-app.js';

const WRONG = 'not the right password 0';

/** Status codes of `answers`, counted: `{ 401: 5, 429: 95 }`. */
function tally(answers: { statusCode: number }[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const { statusCode } of answers) counts[statusCode] = (counts[statusCode] ?? 0) + 1;
  return counts;
}

describe.each(DIALECTS)('the per-account password throttle on $name', ({ create }) => {
  const env = useTestApp(create);

  it(`checks at most ${FREE_FAILURES} of 100 parallel guesses, and the right password among them does not slip through`, async () => {
    const user = await signUp(env.app);
    // Each guess from its own address, so only the per-account throttle stands in the way.
    const guesses = Array.from({ length: 100 }, (_, i) => logIn(env.app, user.email, i === 70 ? user.password : `${WRONG}${i}`));
    const answers = await Promise.all(guesses);
    const counts = tally(answers);
    expect((counts[401] ?? 0) + (counts[200] ?? 0)).toBe(FREE_FAILURES);
    expect(counts[429]).toBe(100 - FREE_FAILURES);
    for (const refused of answers.filter((a) => a.statusCode === 429)) {
      expectError(refused, 429, 'rate_limited');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    }
  });

  it('throttles POST /me/password and DELETE /me like sign-in: 40 wrong guesses, 5 checked', async () => {
    for (const [method, url, body] of [
      ['POST', '/api/v1/me/password', (p: string) => ({ currentPassword: p, newPassword: 'never applied passphrase 8' })],
      ['DELETE', '/api/v1/me', (p: string) => ({ password: p })],
    ] as const) {
      const user = await signUp(env.app);
      const answers = [];
      for (let i = 0; i < 40; i++) {
        answers.push(await env.app.inject({ method, url, headers: browser(user.session), remoteAddress: nextIp(), payload: body(`${WRONG}${i}`) }));
      }
      expect(tally(answers), url).toEqual({ 401: FREE_FAILURES, 429: 40 - FREE_FAILURES });
      // The account's sign-in waits too: the guesses were against the same account.
      expectError(await logIn(env.app, user.email, user.password), 429, 'rate_limited');
    }
  });
});

describe.each(DIALECTS)('the per-account throttle across instances (Redis) on $name', ({ create }) => {
  const env = useSharedInstances(create);

  it(`checks at most ${FREE_FAILURES} of 100 parallel guesses spread over two instances`, async () => {
    const user = await signUp(env.first);
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => logIn(i % 2 ? env.first : env.second, user.email, `${WRONG}${i}`)));
    expect(tally(answers)).toEqual({ 401: FREE_FAILURES, 429: 100 - FREE_FAILURES });
  });
});

describe('TRUST_PROXY', () => {
  it('takes a hop count or proxy addresses and CIDR ranges, and refuses true', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1' }).trustProxy).toEqual(['10.0.0.5', '10.1.0.0/16', '::1']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(ConfigError);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY=1/);
    expect(() => loadConfig({ TRUST_PROXY: '10.0.0.0/33' })).toThrow(/not an IP address or CIDR range/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.internal' })).toThrow(/not an IP address or CIDR range/);
  });
});

describe.each(DIALECTS)('client addresses behind a proxy on $name', ({ create }) => {
  const env = useTestApp(create);

  /** Sign-in attempts through a proxy at 127.0.0.1 that appends `client` to whatever the client wrote. */
  async function attemptsThroughProxy(app: FastifyInstance, client: string, count: number) {
    const answers = [];
    for (let i = 0; i < count; i++) {
      answers.push(
        await app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          remoteAddress: '127.0.0.1',
          headers: { 'x-forwarded-for': `198.51.100.${i}, ${client}` },
          payload: { email: uniqueEmail('guess'), password: WRONG },
        }),
      );
    }
    return answers.map((a) => a.statusCode);
  }

  for (const trust of ['1', '127.0.0.1', '127.0.0.0/8']) {
    it(`with TRUST_PROXY=${trust}, keys the limits on the address the proxy saw, not on what the client wrote first`, async () => {
      const app = await buildTestApp({ db: env.testDb, env: { TRUST_PROXY: trust } });
      try {
        const answers = await attemptsThroughProxy(app, '203.0.113.5', AUTH_ATTEMPTS_PER_MINUTE + 10);
        expect(answers.slice(0, AUTH_ATTEMPTS_PER_MINUTE)).toEqual(Array(AUTH_ATTEMPTS_PER_MINUTE).fill(401));
        expect(answers.slice(AUTH_ATTEMPTS_PER_MINUTE)).toEqual(Array(10).fill(429));
        // Another real client behind the same proxy has its own count.
        expect(await attemptsThroughProxy(app, '203.0.113.6', 1)).toEqual([401]);
      } finally {
        await app.close();
      }
    });
  }

  it('without TRUST_PROXY, ignores X-Forwarded-For and keys on the connection', async () => {
    const answers = await attemptsThroughProxy(env.app, '203.0.113.7', AUTH_ATTEMPTS_PER_MINUTE + 1);
    expect(answers.at(-1)).toBe(429);
    const other = await env.app.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      remoteAddress: '127.0.0.1',
      headers: { 'x-forwarded-for': '203.0.113.99' },
      payload: { email: uniqueEmail('guess'), password: WRONG },
    });
    expect(other.statusCode).toBe(429);
  });
});

describe.each(DIALECTS)('per-user limits on progress and cheap profiles on $name', ({ create }) => {
  const env = useTestApp(create);

  it('limits status changes per minute and merges per hour per user, with Retry-After', async () => {
    const app = await buildTestApp({ db: env.testDb, env: { PROGRESS_WRITES_PER_MINUTE: '5', PROGRESS_MERGES_PER_HOUR: '2' } });
    try {
      const [user, other] = [await signUp(app), await signUp(app)];
      const put = (session: string, topic: string, status: string) =>
        app.inject({ method: 'PUT', url: `/api/v1/me/progress/sample/topics/${topic}`, headers: browser(session), payload: { status } });
      const writes = [];
      for (let i = 0; i < 7; i++) writes.push(await put(user.session, 'alpha', i % 2 ? 'done' : 'learning'));
      expect(writes.map((w) => w.statusCode)).toEqual([200, 200, 200, 200, 200, 429, 429]);
      expectError(writes[5]!, 429, 'rate_limited');
      expect(Number(writes[5]!.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(writes[5]!.headers['retry-after'])).toBeLessThanOrEqual(60);
      // Another user is not affected, wherever the requests come from.
      expect((await put(other.session, 'alpha', 'done')).statusCode).toBe(200);

      const merge = () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/me/progress/sample/merge',
          headers: browser(user.session),
          payload: { topics: { beta: { status: 'done', updatedAt: new Date().toISOString() } } },
        });
      expect([(await merge()).statusCode, (await merge()).statusCode, (await merge()).statusCode]).toEqual([200, 200, 429]);
      const logged = await env.db.selectFrom('activity').select('topic_id').where('user_id', '=', user.id).execute();
      // Five accepted status changes and one real change from the merges: the second merge changed nothing.
      expect(logged.length).toBe(6);
    } finally {
      await app.close();
    }
  });

  it('builds the heatmap and streaks from per-quarter-hour counts, not the log, and shows a change at once', async () => {
    const user = await signUp(env.app);
    const username = `counted-${user.id.slice(0, 8)}`;
    const me = browser(user.session);
    const patch = await env.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: me, payload: { username, publicProfile: true } });
    expect(patch.statusCode).toBe(200);
    for (const [topic, status] of [
      ['alpha', 'learning'],
      ['alpha', 'done'],
      ['beta', 'done'],
    ])
      expect(
        (await env.app.inject({ method: 'PUT', url: `/api/v1/me/progress/sample/topics/${topic}`, headers: me, payload: { status } })).statusCode,
      ).toBe(200);
    const today = new Date().toISOString().slice(0, 10);
    const profile = async () => (await env.app.inject({ url: `/api/v1/users/${username}` })).json().activity;
    expect(await profile()).toMatchObject({ days: [{ date: today, count: 3 }], currentStreak: 1, longestStreak: 1 });
    const buckets = await env.db.selectFrom('activity_buckets').select(['bucket', 'count']).where('user_id', '=', user.id).execute();
    expect(buckets.reduce((sum, b) => sum + Number(b.count), 0)).toBe(3);

    // A change shows on the next view, cached or not.
    expect(
      (await env.app.inject({ method: 'PUT', url: '/api/v1/me/progress/sample/topics/gamma', headers: me, payload: { status: 'done' } })).statusCode,
    ).toBe(200);
    expect((await profile()).days).toEqual([{ date: today, count: 4 }]);
    // With the raw log gone, the counts still show: nothing reads it.
    await env.db.deleteFrom('activity').where('user_id', '=', user.id).execute();
    await env.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: me, payload: { name: 'Counted' } });
    expect((await profile()).days).toEqual([{ date: today, count: 4 }]);
    expect((await env.app.inject({ url: '/api/v1/me/activity', headers: me })).json()).toMatchObject({ total: 4 });
    // Making the profile private hides it at once, cache or not.
    await env.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: me, payload: { publicProfile: false } });
    expectError(await env.app.inject({ url: `/api/v1/users/${username}` }), 404, 'not_found');
  });
});
