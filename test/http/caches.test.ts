/**
 * Credentials and progress are served from memory after the first read. These tests use each
 * credential first, so that it is cached, and then check that every change is seen at once: on
 * the instance that made it, and (through Redis) on another instance sharing the database.
 */

import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import { addWideRoadmap, writeSampleContent } from '../helpers/content-fixture.js';
import { bearer, browser, createApiToken, expectError, getMe, logIn, ORIGIN, signUp } from '../helpers/accounts.js';
import { DIALECTS } from '../helpers/databases.js';
import { useSharedInstances } from '../helpers/shared-instances.js';
import { useTestApp } from '../helpers/test-app.js';
import { eventually } from '../helpers/eventually.js';

const PROGRESS = '/api/v1/me/progress/sample';

function setStatus(app: FastifyInstance, headers: Record<string, string>, topic: string, status: string, roadmap = 'sample') {
  return app.inject({ method: 'PUT', url: `/api/v1/me/progress/${roadmap}/topics/${topic}`, headers, payload: { status } });
}

describe.each(DIALECTS)('cached credentials and progress on $name', ({ create }) => {
  const env = useTestApp(create, { contentDir: () => addWideRoadmap(writeSampleContent(), 40) });

  it('refuses a token at once after it is revoked, though it was just used', async () => {
    const user = await signUp(env.app);
    const token = await createApiToken(env.app, user.session);
    expect((await getMe(env.app, bearer(token.token))).statusCode).toBe(200);
    expect((await env.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${token.id}`, headers: browser(user.session) })).statusCode).toBe(204);
    expectError(await getMe(env.app, bearer(token.token)), 401, 'unauthenticated');
  });

  it('ends cached sessions at sign-out, sign-out everywhere and a password change', async () => {
    const user = await signUp(env.app);
    const second = (await logIn(env.app, user.email, user.password)).cookies.find((c) => c.name === 'mp_session')?.value ?? '';
    const third = (await logIn(env.app, user.email, user.password)).cookies.find((c) => c.name === 'mp_session')?.value ?? '';
    for (const session of [user.session, second, third]) expect((await getMe(env.app, browser(session))).statusCode).toBe(200);

    expect((await env.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: browser(third) })).statusCode).toBe(204);
    expectError(await getMe(env.app, browser(third)), 401, 'unauthenticated');

    const changed = await env.app.inject({
      method: 'POST',
      url: '/api/v1/me/password',
      headers: browser(user.session),
      payload: { currentPassword: user.password, newPassword: 'a brand new passphrase 77' },
    });
    expect(changed.statusCode, changed.body).toBe(204);
    expectError(await getMe(env.app, browser(second)), 401, 'unauthenticated');
    // The session the change was made in is replaced by the one in the answer's cookie.
    expectError(await getMe(env.app, browser(user.session)), 401, 'unauthenticated');
    const rotated = changed.cookies.find((c) => c.name === 'mp_session')?.value ?? '';
    expect((await getMe(env.app, browser(rotated))).statusCode).toBe(200);
  });

  it('shows profile edits at once and refuses every credential of a deleted account', async () => {
    const user = await signUp(env.app, { name: 'Before' });
    const token = await createApiToken(env.app, user.session);
    expect((await getMe(env.app, bearer(token.token))).json().user.name).toBe('Before');
    const patched = await env.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: browser(user.session), payload: { name: 'After' } });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await getMe(env.app, bearer(token.token))).json().user.name).toBe('After');

    const deleted = await env.app.inject({
      method: 'DELETE',
      url: '/api/v1/me',
      headers: browser(user.session),
      payload: { password: user.password },
    });
    expect(deleted.statusCode, deleted.body).toBe(204);
    expectError(await getMe(env.app, bearer(token.token)), 401, 'unauthenticated');
    expectError(await getMe(env.app, browser(user.session)), 401, 'unauthenticated');
  });

  it('answers progress with an ETag, 304 while unchanged and the new document after a write', async () => {
    const user = await signUp(env.app);
    const headers = browser(user.session);
    const first = await env.app.inject({ url: PROGRESS, headers });
    expect(first.statusCode).toBe(200);
    expect(first.headers['cache-control']).toBe('private, no-cache');
    expect(first.headers['content-type']).toBe('application/json; charset=utf-8');
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^"[\w-]{27}"$/);
    expect(first.json()).toMatchObject({ roadmapId: 'sample', topics: {}, counts: { done: 0 } });

    const unchanged = await env.app.inject({ url: PROGRESS, headers: { ...headers, 'if-none-match': etag } });
    expect(unchanged.statusCode).toBe(304);
    expect(unchanged.body).toBe('');

    expect((await setStatus(env.app, headers, 'alpha', 'done')).json().counts.done).toBe(1);
    const after = await env.app.inject({ url: PROGRESS, headers: { ...headers, 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.headers.etag).not.toBe(etag);
    expect(after.json().topics.alpha.status).toBe('done');
  });

  it('counts every one of many concurrent writes, in the answers and in what is read next', async () => {
    const user = await signUp(env.app);
    const headers = browser(user.session);
    const topics = Array.from({ length: 40 }, (_, i) => `t${i + 1}`);
    const answers = await Promise.all(topics.map((id) => setStatus(env.app, headers, id, 'done', 'wide')));
    expect(answers.map((a) => a.statusCode)).toEqual(topics.map(() => 200));
    expect(Math.max(...answers.map((a) => a.json().counts.done as number))).toBe(40);
    expect((await env.app.inject({ url: '/api/v1/me/progress/wide', headers })).json().counts).toEqual({
      done: 40,
      learning: 0,
      skipped: 0,
      complete: 40,
      total: 40,
      percent: 100,
    });
  });
});

describe.each(DIALECTS)('two instances sharing $name and Redis', ({ create }) => {
  const env = useSharedInstances(create);

  it('refuses on one instance a token revoked on the other', async () => {
    const user = await signUp(env.first);
    const token = await createApiToken(env.first, user.session);
    for (const app of [env.first, env.second]) expect((await getMe(app, bearer(token.token))).statusCode).toBe(200);
    expect((await env.first.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${token.id}`, headers: browser(user.session) })).statusCode).toBe(204);
    const refused = await eventually(
      () => getMe(env.second, bearer(token.token)),
      (r) => r.statusCode === 401,
    );
    expectError(refused, 401, 'unauthenticated');
  });

  it('shows on one instance progress and names written on the other', async () => {
    const user = await signUp(env.first, { name: 'Ada' });
    const headers = { ...browser(user.session), origin: ORIGIN };
    expect((await env.second.inject({ url: PROGRESS, headers })).json().counts.done).toBe(0);
    expect((await getMe(env.second, headers)).json().user.name).toBe('Ada');

    expect((await setStatus(env.first, headers, 'alpha', 'done')).statusCode).toBe(200);
    const read = await eventually(
      () => env.second.inject({ url: PROGRESS, headers }),
      (r) => r.json().counts.done === 1,
    );
    expect(read.json().topics.alpha.status).toBe('done');

    expect((await env.first.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: { name: 'Grace' } })).statusCode).toBe(200);
    const me = await eventually(
      () => getMe(env.second, headers),
      (r) => r.json().user.name === 'Grace',
    );
    expect(me.json().user.name).toBe('Grace');
  });
});
