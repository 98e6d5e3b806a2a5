import { describe, expect, it } from 'vitest';

import { hashToken } from '../../src/features/auth/secret-token.js';
import { bearer, browser, createApiToken, expectError, getMe, logIn, sessionTokenOf, signUp } from '../helpers/accounts.js';
import { DIALECTS } from '../helpers/databases.js';
import { useTestApp } from '../helpers/test-app.js';

describe.each(DIALECTS)('the signed-in account (/api/v1/me) on $name', ({ create }) => {
  const env = useTestApp(create);

  const patchMe = (session: string, payload: object) => env.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: browser(session), payload });
  const rowsOf = async (userId: string) => ({
    users: (await env.db.selectFrom('users').select('id').where('id', '=', userId).execute()).length,
    sessions: (await env.db.selectFrom('sessions').select('user_id').where('user_id', '=', userId).execute()).length,
    tokens: (await env.db.selectFrom('api_tokens').select('user_id').where('user_id', '=', userId).execute()).length,
    emailTokens: (await env.db.selectFrom('email_tokens').select('user_id').where('user_id', '=', userId).execute()).length,
    progress: (await env.db.selectFrom('progress').select('user_id').where('user_id', '=', userId).execute()).length,
  });

  describe('settings', () => {
    it('changes the name, username and time zone', async () => {
      const user = await signUp(env.app);
      const username = `ada-${user.id.slice(0, 8)}`;
      const response = await patchMe(user.session, { name: '  Ada Lovelace ', username, timeZone: 'Europe/Paris' });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json().user).toMatchObject({ name: 'Ada Lovelace', username, timeZone: 'Europe/Paris' });
      expect((await getMe(env.app, browser(user.session))).json().user).toMatchObject({ name: 'Ada Lovelace', username, timeZone: 'Europe/Paris' });
    });

    it('refuses a username someone else has with 409 username_taken', async () => {
      const first = await signUp(env.app);
      const second = await signUp(env.app);
      const username = `taken-${first.id.slice(0, 8)}`;
      expect((await patchMe(first.session, { username })).statusCode).toBe(200);
      expect((await patchMe(first.session, { username })).statusCode).toBe(200);
      expectError(await patchMe(second.session, { username }), 409, 'username_taken');
      expect((await getMe(env.app, browser(second.session))).json().user.username).toBeNull();
    });

    it('refuses unknown time zones, a public profile without a username, unknown fields and empty changes', async () => {
      const user = await signUp(env.app);
      expectError(await patchMe(user.session, { timeZone: 'Mars/Olympus_Mons' }), 400, 'invalid_input');
      expectError(await patchMe(user.session, { publicProfile: true }), 400, 'invalid_input');
      expectError(await patchMe(user.session, { isAdmin: true }), 400, 'invalid_input');
      expectError(await patchMe(user.session, { name: 'ok', emailVerified: true }), 400, 'invalid_input');
      expectError(await patchMe(user.session, {}), 400, 'invalid_input');
      expectError(await patchMe(user.session, { username: 'Not Valid!' }), 400, 'invalid_input');
      expect((await getMe(env.app, browser(user.session))).json().user).toMatchObject({
        name: '',
        timeZone: 'UTC',
        publicProfile: false,
        isAdmin: false,
      });
    });
  });

  describe('password and sessions', () => {
    it('changes the password, ending every other session and giving this one a new cookie; API tokens stay', async () => {
      const user = await signUp(env.app);
      const other = sessionTokenOf(await logIn(env.app, user.email, user.password)) ?? '';
      const change = (currentPassword: string, newPassword: string) =>
        env.app.inject({ method: 'POST', url: '/api/v1/me/password', headers: browser(user.session), payload: { currentPassword, newPassword } });

      expectError(await change('not my password at all', 'a fresh passphrase 99'), 401, 'invalid_credentials');
      expectError(await change(user.password, 'password123'), 400, 'weak_password');
      expect((await getMe(env.app, browser(other))).statusCode).toBe(200);
      const api = await createApiToken(env.app, user.session);
      const changed = await change(user.password, 'a fresh passphrase 99');
      expect(changed.statusCode).toBe(204);
      const rotated = sessionTokenOf(changed) ?? '';
      expect(rotated).not.toBe('');
      expect(rotated).not.toBe(user.session);
      expect((await getMe(env.app, browser(rotated))).statusCode).toBe(200);
      // The session the password was changed in is replaced too: a thief holding its cookie is out.
      expectError(await getMe(env.app, browser(user.session)), 401, 'unauthenticated');
      expectError(await getMe(env.app, browser(other)), 401, 'unauthenticated');
      expect((await getMe(env.app, bearer(api.token))).statusCode).toBe(200);
      expectError(await logIn(env.app, user.email, user.password), 401, 'invalid_credentials');
      expect((await logIn(env.app, user.email, 'a fresh passphrase 99')).statusCode).toBe(200);
    });

    it('signs out everywhere with DELETE /me/sessions, this session and every API token included', async () => {
      const user = await signUp(env.app);
      const other = sessionTokenOf(await logIn(env.app, user.email, user.password)) ?? '';
      const api = await createApiToken(env.app, user.session);
      expect((await getMe(env.app, bearer(api.token))).statusCode).toBe(200);
      const response = await env.app.inject({ method: 'DELETE', url: '/api/v1/me/sessions', headers: browser(user.session) });
      expect(response.statusCode).toBe(204);
      expect(response.cookies.find((c) => c.name === 'mp_session')?.value).toBe('');
      for (const session of [user.session, other]) expectError(await getMe(env.app, browser(session)), 401, 'unauthenticated');
      expectError(await getMe(env.app, bearer(api.token)), 401, 'unauthenticated');
      expect(await rowsOf(user.id)).toMatchObject({ sessions: 0, tokens: 0 });
    });
  });

  describe('personal API tokens', () => {
    it('shows a new token once, lists tokens without their secret, and accepts it as a Bearer token', async () => {
      const user = await signUp(env.app);
      const created = await env.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: browser(user.session), payload: { name: 'laptop' } });
      expect(created.statusCode).toBe(201);
      const { token, info } = created.json();
      expect(token).toMatch(/^mp_[A-Za-z0-9_-]{40,}$/);
      expect(info).toMatchObject({ name: 'laptop', prefix: token.slice(0, 7), lastUsedAt: null });

      const list = await env.app.inject({ url: '/api/v1/me/tokens', headers: browser(user.session) });
      expect(list.json().tokens).toEqual([expect.objectContaining({ id: info.id, name: 'laptop', prefix: token.slice(0, 7) })]);
      expect(list.body).not.toContain(token);
      expect(list.body).not.toContain(hashToken(token));
      const stored = await env.db.selectFrom('api_tokens').select('token_hash').where('id', '=', info.id).executeTakeFirstOrThrow();
      expect(stored.token_hash).toBe(hashToken(token));

      expect((await getMe(env.app, bearer(token))).json().user.id).toBe(user.id);
      const patched = await env.app.inject({ method: 'PATCH', url: '/api/v1/me', headers: bearer(token), payload: { name: 'From a script' } });
      expect(patched.statusCode).toBe(200);
      expect((await env.app.inject({ url: '/api/v1/me/tokens', headers: bearer(token) })).json().tokens[0].lastUsedAt).toEqual(expect.any(String));
    });

    it('stops accepting a revoked token', async () => {
      const user = await signUp(env.app);
      const { token, id } = await createApiToken(env.app, user.session);
      const revoke = () => env.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, headers: browser(user.session) });
      expect((await revoke()).statusCode).toBe(204);
      expectError(await getMe(env.app, bearer(token)), 401, 'unauthenticated');
      expectError(await revoke(), 404, 'not_found');
      expectError(await getMe(env.app, bearer('mp_not-a-real-token')), 401, 'unauthenticated');
    });

    it("cannot revoke another user's token", async () => {
      const owner = await signUp(env.app);
      const other = await signUp(env.app);
      const { token, id } = await createApiToken(env.app, owner.session);
      expectError(await env.app.inject({ method: 'DELETE', url: `/api/v1/me/tokens/${id}`, headers: browser(other.session) }), 404, 'not_found');
      expect((await getMe(env.app, bearer(token))).statusCode).toBe(200);
    });
  });

  describe('export and deletion', () => {
    it('exports the account with its progress and activity', async () => {
      const user = await signUp(env.app, { name: 'Exporter' });
      const roadmap = (await env.app.inject({ url: '/jsons/roadmaps/sample.json' })).json();
      const topicId: string = roadmap.topics[0].id;
      const put = await env.app.inject({
        method: 'PUT',
        url: `/api/v1/me/progress/sample/topics/${topicId}`,
        headers: browser(user.session),
        payload: { status: 'done' },
      });
      expect(put.statusCode, put.body).toBe(200);
      await createApiToken(env.app, user.session, 'exported');

      const response = await env.app.inject({ url: '/api/v1/me/export', headers: browser(user.session) });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-disposition']).toMatch(/^attachment; filename="milepost-account-\d{4}-\d{2}-\d{2}\.json"$/);
      const data = response.json();
      expect(data.account).toMatchObject({ email: user.email, name: 'Exporter' });
      expect(data.progress).toEqual([expect.objectContaining({ roadmapId: 'sample', topicId, status: 'done' })]);
      expect(data.activity).toEqual([expect.objectContaining({ roadmapId: 'sample', topicId, status: 'done' })]);
      expect(data.apiTokens).toEqual([expect.objectContaining({ name: 'exported' })]);
      expect(response.body).not.toMatch(/argon2|password|token_hash/i);
    });

    it('deletes the account only with the right password, and everything attached to it', async () => {
      const user = await signUp(env.app);
      const { token } = await createApiToken(env.app, user.session);
      const roadmap = (await env.app.inject({ url: '/jsons/roadmaps/sample.json' })).json();
      await env.app.inject({
        method: 'PUT',
        url: `/api/v1/me/progress/sample/topics/${roadmap.topics[0].id}`,
        headers: bearer(token),
        payload: { status: 'learning' },
      });
      const remove = (password: string) =>
        env.app.inject({ method: 'DELETE', url: '/api/v1/me', headers: browser(user.session), payload: { password } });

      expectError(await remove('not the password at all'), 401, 'invalid_credentials');
      expect(await rowsOf(user.id)).toMatchObject({ users: 1, sessions: 1, tokens: 1, progress: 1 });
      const deleted = await remove(user.password);
      expect(deleted.statusCode).toBe(204);
      expect(deleted.cookies.find((c) => c.name === 'mp_session')?.value).toBe('');
      expect(await rowsOf(user.id)).toEqual({ users: 0, sessions: 0, tokens: 0, emailTokens: 0, progress: 0 });
      expectError(await getMe(env.app, browser(user.session)), 401, 'unauthenticated');
      expectError(await getMe(env.app, bearer(token)), 401, 'unauthenticated');
      expectError(await logIn(env.app, user.email, user.password), 401, 'invalid_credentials');
    });
  });
});
