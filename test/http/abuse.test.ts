import { setTimeout as sleep } from 'node:timers/promises';
import type { LightMyRequestResponse } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';

import { newToken } from '../../src/features/auth/secret-token.js';
import { SessionRepository } from '../../src/features/auth/session-repository.js';
import { browser, createApiToken, expectError, logIn, nextIp, signUp, uniqueEmail } from '../helpers/accounts.js';
import { DIALECTS } from '../helpers/databases.js';
import { listRoutes, openApiPath, sampleRequest, type OpenApiDocument } from '../helpers/route-table.js';
import { keysUnder, useSharedInstances } from '../helpers/shared-instances.js';
import { useTestApp } from '../helpers/test-app.js';

const WRONG = 'not the right passphrase 0';

/** Asserts a Retry-After of 1 to `max` seconds. */
function expectRetryAfter(response: LightMyRequestResponse, max: number): number {
  const seconds = Number(response.headers['retry-after']);
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(max);
  return seconds;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;

describe.each(DIALECTS)('abuse protection on $name', ({ create }) => {
  const env = useTestApp(create);

  const resetRequest = (email: string) =>
    env.app.inject({ method: 'POST', url: '/api/v1/auth/password-reset', remoteAddress: nextIp(), payload: { email } });

  describe('rate limits', () => {
    it('limits sign-in attempts per address: the 21st within a minute gets 429 with Retry-After', async () => {
      const ip = nextIp();
      for (let i = 0; i < 20; i++) expectError(await logIn(env.app, uniqueEmail('guess'), WRONG, ip), 401, 'invalid_credentials');
      const limited = await logIn(env.app, uniqueEmail('guess'), WRONG, ip);
      expectError(limited, 429, 'rate_limited');
      expectRetryAfter(limited, 60);
      expectError(await logIn(env.app, uniqueEmail('guess'), WRONG), 401, 'invalid_credentials');
    });

    it('backs off an account after 5 failures, even when they come from different addresses', async () => {
      const user = await signUp(env.app);
      for (let i = 0; i < 5; i++) expectError(await logIn(env.app, user.email, WRONG), 401, 'invalid_credentials');
      const blocked = await logIn(env.app, user.email, user.password);
      expectError(blocked, 429, 'rate_limited');
      const wait = expectRetryAfter(blocked, 15 * 60);
      await sleep(wait * 1000 + 200);
      expect((await logIn(env.app, user.email, user.password)).statusCode).toBe(200);
    });

    it('limits password-reset requests per email: the 4th within an hour gets 429', async () => {
      const user = await signUp(env.app);
      for (const email of [user.email, uniqueEmail('nobody')]) {
        for (let i = 0; i < 3; i++) expect((await resetRequest(email)).statusCode).toBe(202);
        const limited = await resetRequest(email.toUpperCase());
        expectError(limited, 429, 'rate_limited');
        expectRetryAfter(limited, 60 * 60);
      }
      expect((await resetRequest(uniqueEmail('other'))).statusCode).toBe(202);
    });
  });

  describe('no user enumeration', () => {
    it('answers an unknown email and a wrong password alike, in about the same time', async () => {
      const known = [];
      for (let i = 0; i < 10; i++) known.push(await signUp(env.app));
      await logIn(env.app, uniqueEmail('warm-up'), WRONG);
      const times = { unknown: [] as number[], known: [] as number[] };
      for (const user of known) {
        let start = performance.now();
        const unknown = await logIn(env.app, uniqueEmail('ghost'), WRONG);
        times.unknown.push(performance.now() - start);
        start = performance.now();
        const wrong = await logIn(env.app, user.email, WRONG);
        times.known.push(performance.now() - start);
        expectError(unknown, 401, 'invalid_credentials');
        expect(wrong.statusCode).toBe(unknown.statusCode);
        expect(wrong.body).toBe(unknown.body);
      }
      const [a, b] = [median(times.unknown), median(times.known)];
      expect(Math.max(a, b) / Math.min(a, b), `medians: unknown ${a.toFixed(1)} ms, known ${b.toFixed(1)} ms`).toBeLessThan(3);
    });

    it('answers password-reset requests alike for known and unknown emails', async () => {
      const user = await signUp(env.app);
      const [known, unknown] = [await resetRequest(user.email), await resetRequest(uniqueEmail('ghost'))];
      expect([known.statusCode, known.body]).toEqual([unknown.statusCode, unknown.body]);
    });
  });

  describe('cross-site requests', () => {
    const EVIL = 'https://evil.example';
    let user: Awaited<ReturnType<typeof signUp>>;
    let apiToken: { token: string; id: string };
    let topicId: string;
    beforeAll(async () => {
      user = await signUp(env.app, { name: 'Ada' });
      apiToken = await createApiToken(env.app, user.session);
      topicId = (await env.app.inject({ url: '/jsons/roadmaps/sample.json' })).json().topics[0].id;
    });

    const changes = () => [
      { method: 'PATCH' as const, url: '/api/v1/me', payload: { name: 'Mallory' } },
      { method: 'PUT' as const, url: `/api/v1/me/progress/sample/topics/${topicId}`, payload: { status: 'done' } },
      { method: 'POST' as const, url: '/api/v1/me/tokens', payload: { name: 'stolen' } },
      { method: 'POST' as const, url: '/api/v1/me/password', payload: { currentPassword: 'x', newPassword: 'mallory was here 1' } },
      { method: 'DELETE' as const, url: `/api/v1/me/tokens/${apiToken.id}` },
      { method: 'DELETE' as const, url: '/api/v1/me/sessions' },
      { method: 'POST' as const, url: '/api/v1/auth/logout' },
    ];

    it('refuses cookie-borne changes from a foreign Origin or a cross-site fetch with 403 cross_origin', async () => {
      const foreign = [
        { origin: EVIL },
        { origin: 'null' },
        { origin: 'http://localhost:3000.evil.example' },
        { 'sec-fetch-site': 'cross-site' },
        { 'sec-fetch-site': 'same-site' },
      ];
      for (const change of changes()) {
        for (const headers of foreign) {
          const response = await env.app.inject({ ...change, headers: { cookie: `mp_session=${user.session}`, ...headers } });
          expectError(response, 403, 'cross_origin');
        }
      }
      const me = await env.app.inject({ url: '/api/v1/me', headers: { cookie: `mp_session=${user.session}` } });
      expect(me.json().user.name).toBe('Ada');
      const tokens = await env.app.inject({ url: '/api/v1/me/tokens', headers: { authorization: `Bearer ${apiToken.token}` } });
      expect(tokens.json().tokens).toHaveLength(1);
      expect((await env.app.inject({ url: `/api/v1/me/progress/sample`, headers: browser(user.session) })).json().topics).toEqual({});
    });

    it('refuses a sign-in posted from another site', async () => {
      const response = await env.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        remoteAddress: nextIp(),
        headers: { origin: EVIL },
        payload: { email: user.email, password: user.password },
      });
      expectError(response, 403, 'cross_origin');
    });

    it('accepts the same changes from the site itself and from Bearer scripts without an Origin', async () => {
      const [patch, put] = changes();
      expect((await env.app.inject({ ...patch, headers: browser(user.session) })).statusCode).toBe(200);
      const sameOrigin = await env.app.inject({ ...put, headers: { cookie: `mp_session=${user.session}`, 'sec-fetch-site': 'same-origin' } });
      expect(sameOrigin.statusCode).toBe(200);
      const script = { authorization: `Bearer ${apiToken.token}` };
      expect((await env.app.inject({ ...patch, headers: script })).statusCode).toBe(200);
      expect((await env.app.inject({ ...put, headers: script })).statusCode).toBe(200);
      // A token cannot make more tokens: that needs a browser session.
      expectError(
        await env.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: script, payload: { name: 'ci' } }),
        403,
        'session_required',
      );
    });
  });

  describe('authorization walk', () => {
    it('answers 401 on every /api/v1/me route without credentials, with an expired session and with a revoked token', async () => {
      const routes = listRoutes(env.app).filter((r) => r.url === '/api/v1/me' || r.url.startsWith('/api/v1/me/'));
      const doc = (await env.app.inject({ url: '/api/openapi.json' })).json() as OpenApiDocument;
      for (const [path, operations] of Object.entries(doc.paths).filter(([p]) => p.startsWith('/api/v1/me'))) {
        for (const method of Object.keys(operations))
          expect(routes.map((r) => `${r.method} ${openApiPath(r.url)}`)).toContain(`${method.toUpperCase()} ${path}`);
      }
      expect(routes.length).toBeGreaterThanOrEqual(13);

      const user = await signUp(env.app);
      const revoked = await createApiToken(env.app, user.session);
      expect((await env.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${revoked.id}`, headers: browser(user.session) })).statusCode).toBe(
        204,
      );
      const sessions = new SessionRepository(env.db);
      const expiredSession = async () => {
        const { token, hash } = newToken();
        await sessions.create({ tokenHash: hash, userId: user.id, expiresAt: new Date(Date.now() - 1000).toISOString(), userAgent: 'walk' });
        return token;
      };

      for (const route of routes) {
        const request = sampleRequest(route, doc);
        const credentials: [string, Record<string, string>][] = [
          ['no credentials', {}],
          ['an expired session', browser(await expiredSession())],
          ['a revoked token', { authorization: `Bearer ${revoked.token}` }],
        ];
        for (const [label, headers] of credentials) {
          const response = await env.app.inject({ ...request, headers });
          expect(response.statusCode, `${route.method} ${request.url} with ${label}: ${response.body}`).toBe(401);
          expect(response.json()).toEqual({ error: { code: 'unauthenticated', message: expect.any(String) } });
        }
      }
      for (const route of routes.filter((r) => r.method !== 'GET')) {
        const response = await env.app.inject({ ...sampleRequest(route, doc), payload: { 'not-a-field': [] } });
        expect(response.statusCode, `${route.method} ${route.url} with a bad body: ${response.body}`).toBe(401);
      }
      expect((await env.app.inject({ url: '/api/v1/me', headers: browser(user.session) })).statusCode).toBe(200);
    });
  });

  describe('malformed requests', () => {
    const login = (payload: string, contentType = 'application/json') =>
      env.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: nextIp(), headers: { 'content-type': contentType }, payload });

    it('answers a body over 64 KB with 413 payload_too_large', async () => {
      expectError(await login(JSON.stringify({ email: uniqueEmail(), password: 'x'.repeat(65 * 1024) })), 413, 'payload_too_large');
      const user = await signUp(env.app);
      const big = await env.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: browser(user.session), payload: { name: 'x'.repeat(70_000) } });
      expectError(big, 413, 'payload_too_large');
    });

    it('answers invalid JSON with 400 invalid_json and a text/plain body with 415', async () => {
      expectError(await login('{"email": "a@example.org", '), 400, 'invalid_json');
      expectError(await login(''), 400, 'invalid_json');
      expectError(await login('email=a@example.org', 'text/plain'), 415, 'unsupported_media_type');
      expectError(await login('<login/>', 'application/xml'), 415, 'unsupported_media_type');
    });

    it('answers unknown /api paths with a JSON 404', async () => {
      for (const [method, url] of [
        ['GET', '/api/v1/nothing-here'],
        ['POST', '/api/v1/me/nothing-here'],
        ['DELETE', '/api/v2/me'],
        ['GET', '/api'],
      ] as const) {
        expectError(await env.app.inject({ method, url }), 404, 'not_found');
      }
    });
  });

  describe('profiles', () => {
    it('answers a private profile with the same 404 as an unknown username', async () => {
      const user = await signUp(env.app);
      const username = `quiet-${user.id.slice(0, 8)}`;
      const patch = (payload: object) => env.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: browser(user.session), payload });
      expect((await patch({ username })).statusCode).toBe(200);
      const hidden = await env.app.inject({ url: `/api/v1/users/${username}` });
      const unknown = await env.app.inject({ url: `/api/v1/users/nobody-${user.id.slice(0, 8)}` });
      expectError(hidden, 404, 'not_found');
      expect(hidden.body).toBe(unknown.body);
      expect(hidden.body).not.toContain(user.email);
      expect((await patch({ publicProfile: true })).statusCode).toBe(200);
      expect((await env.app.inject({ url: `/api/v1/users/${username}` })).statusCode).toBe(200);
    });
  });
});

describe.each(DIALECTS)('limits shared through Redis on $name', ({ create }) => {
  const env = useSharedInstances(create);

  it('counts sign-in attempts from one address on every instance', async () => {
    const ip = nextIp();
    for (let i = 0; i < 20; i++)
      expectError(await logIn(i % 2 ? env.first : env.second, uniqueEmail('guess'), WRONG, ip), 401, 'invalid_credentials');
    for (const app of [env.first, env.second]) expectError(await logIn(app, uniqueEmail('guess'), WRONG, ip), 429, 'rate_limited');
  });

  it('counts failures against an account on every instance', async () => {
    const user = await signUp(env.first);
    for (let i = 0; i < 5; i++) expectError(await logIn(i % 2 ? env.first : env.second, user.email, WRONG), 401, 'invalid_credentials');
    for (const app of [env.second, env.first]) expectError(await logIn(app, user.email, user.password), 429, 'rate_limited');
  });

  it('keeps every key under REDIS_PREFIX', async () => {
    const keys = await keysUnder(env.redis, env.prefix);
    expect(
      keys.some((k) => k.startsWith(`${env.prefix}milepost:login-checks:`)),
      keys.join('\n'),
    ).toBe(true);
    expect(keys.some((k) => k.startsWith(`${env.prefix}milepost:rl:`))).toBe(true);
  });
});
