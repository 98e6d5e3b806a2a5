/**
 * Taking an account back, and keeping it from being taken: what a reset, a password change and
 * "sign out everywhere" end; what an API token may not do; changing the email address; how much
 * mail anyone can cause; weak passwords, control characters, and private answers.
 */
import { describe, expect, it } from 'vitest';
import { MAILS_PER_RECIPIENT_PER_HOUR } from '../../src/features/mail/mail-limits.js';
import {
  bearer,
  browser,
  createApiToken,
  expectError,
  getMe,
  logIn,
  mailedToken,
  nextIp,
  outboxCount,
  outboxFor,
  PASSWORD,
  sessionTokenOf,
  signUp,
  uniqueEmail,
} from '../helpers/accounts.js';
import { DIALECTS } from '../helpers/databases.js';
import { useTestApp } from '../helpers/test-app.js';

describe.each(DIALECTS)('account recovery on $name', ({ create }) => {
  const env = useTestApp(create);
  const post = (url: string, payload: object, headers: Record<string, string> = {}) =>
    env.app.inject({ method: 'POST', url, payload, headers, remoteAddress: nextIp() });
  const patchMe = (headers: Record<string, string>, payload: object) =>
    env.app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload, remoteAddress: nextIp() });

  describe('what ends signed-in access', () => {
    it('revokes every session and every API token on a password reset', async () => {
      const user = await signUp(env.app);
      const other = sessionTokenOf(await logIn(env.app, user.email, user.password)) ?? '';
      const api = await createApiToken(env.app, user.session);
      expect((await getMe(env.app, bearer(api.token))).statusCode).toBe(200);
      expect((await post('/api/v1/auth/password-reset', { email: user.email })).statusCode).toBe(202);
      const token = await mailedToken(env.db, user.email, '/reset-password');
      expect((await post('/api/v1/auth/password-reset/confirm', { token, password: 'taken back passphrase 31' })).statusCode).toBe(204);
      for (const headers of [browser(user.session), browser(other), bearer(api.token)]) {
        expectError(await getMe(env.app, headers), 401, 'unauthenticated');
      }
      const left = await env.db.selectFrom('api_tokens').select('id').where('user_id', '=', user.id).execute();
      expect(left).toEqual([]);
    });

    it('makes every older reset link void when a new one is sent, and the rest void after a reset', async () => {
      const user = await signUp(env.app);
      expect((await post('/api/v1/auth/password-reset', { email: user.email })).statusCode).toBe(202);
      const first = await mailedToken(env.db, user.email, '/reset-password');
      expect((await post('/api/v1/auth/password-reset', { email: user.email })).statusCode).toBe(202);
      await env.app.settle();
      const second = await mailedToken(env.db, user.email, '/reset-password');
      expect(second).not.toBe(first);
      expectError(await post('/api/v1/auth/password-reset/confirm', { token: first, password: 'first link passphrase 1' }), 400, 'invalid_token');
      expect((await post('/api/v1/auth/password-reset', { email: user.email })).statusCode).toBe(202);
      await env.app.settle();
      const third = await mailedToken(env.db, user.email, '/reset-password');
      expect((await post('/api/v1/auth/password-reset/confirm', { token: third, password: 'third link passphrase 3' })).statusCode).toBe(204);
      expectError(await post('/api/v1/auth/password-reset/confirm', { token: second, password: 'second link passphrase 2' }), 400, 'invalid_token');
      expect((await logIn(env.app, user.email, 'third link passphrase 3')).statusCode).toBe(200);
    });

    it('refuses, to an API token, what needs a browser session: new tokens, the email, the password, deletion', async () => {
      const user = await signUp(env.app);
      const api = bearer((await createApiToken(env.app, user.session)).token);
      const attempts = [
        { method: 'POST', url: '/api/v1/me/tokens', payload: { name: 'more' } },
        { method: 'POST', url: '/api/v1/me/password', payload: { currentPassword: user.password, newPassword: 'stolen token passphrase 9' } },
        { method: 'DELETE', url: '/api/v1/me', payload: { password: user.password } },
        { method: 'PATCH', url: '/api/v1/me', payload: { email: uniqueEmail('thief'), currentPassword: user.password } },
        { method: 'DELETE', url: '/api/v1/me/pending-email' },
      ] as const;
      for (const attempt of attempts) expectError(await env.app.inject({ ...attempt, headers: api }), 403, 'session_required');
      // What a token may do: read and change the profile's other fields.
      expect((await patchMe(api, { name: 'Script' })).statusCode).toBe(200);
      expect((await logIn(env.app, user.email, user.password)).statusCode).toBe(200);
      expect((await env.db.selectFrom('api_tokens').select('id').where('user_id', '=', user.id).execute()).length).toBe(1);
    });
  });

  describe('changing the email address', () => {
    it('needs the current password, keeps the old address until the new one confirms, and tells the old one', async () => {
      const user = await signUp(env.app);
      const newEmail = uniqueEmail('new-home');
      const me = browser(user.session);
      expectError(await patchMe(me, { email: newEmail }), 400, 'invalid_input');
      expectError(await patchMe(me, { email: newEmail, currentPassword: 'not the password' }), 401, 'invalid_credentials');
      expect(await outboxFor(env.db, newEmail)).toEqual([]);

      const started = await patchMe(me, { email: newEmail, currentPassword: user.password, name: 'Moved' });
      expect(started.statusCode, started.body).toBe(200);
      expect(started.json().user).toMatchObject({ email: user.email, pendingEmail: newEmail, name: 'Moved' });
      expect((await logIn(env.app, newEmail, user.password)).statusCode).toBe(401);
      expect((await logIn(env.app, user.email, user.password)).statusCode).toBe(200);

      const notice = (await outboxFor(env.db, user.email)).find((m) => m.subject === 'The email address of your Milepost account is changing');
      expect(notice?.body_text).toContain(`change its email address to ${newEmail}`);
      const confirm = await mailedToken(env.db, newEmail, '/verify-email');
      expect((await post('/api/v1/auth/verify-email', { token: confirm })).statusCode).toBe(204);
      expect((await getMe(env.app, me)).json().user).toMatchObject({ email: newEmail, pendingEmail: null, emailVerified: true });
      expect((await logIn(env.app, newEmail, user.password)).statusCode).toBe(200);
      expect((await logIn(env.app, user.email, user.password)).statusCode).toBe(401);
    });

    it('lets the old address undo the change for 7 days, ending every session and token', async () => {
      const user = await signUp(env.app);
      const api = await createApiToken(env.app, user.session);
      const thief = uniqueEmail('thief');
      expect((await patchMe(browser(user.session), { email: thief, currentPassword: user.password })).statusCode).toBe(200);
      const confirm = await mailedToken(env.db, thief, '/verify-email');
      const revert = await mailedToken(env.db, user.email, '/revert-email');
      const row = await env.db
        .selectFrom('email_tokens')
        .selectAll()
        .where('purpose', '=', 'revert')
        .where('user_id', '=', user.id)
        .executeTakeFirstOrThrow();
      expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBeGreaterThanOrEqual(7 * 24 * 60 * 60 * 1000 - 1000);
      expect((await post('/api/v1/auth/verify-email', { token: confirm })).statusCode).toBe(204);

      expect((await post('/api/v1/auth/email-revert', { token: revert })).statusCode).toBe(204);
      for (const headers of [browser(user.session), bearer(api.token)]) expectError(await getMe(env.app, headers), 401, 'unauthenticated');
      expect((await logIn(env.app, thief, user.password)).statusCode).toBe(401);
      const back = await logIn(env.app, user.email, user.password);
      expect(back.json().user).toMatchObject({ email: user.email, pendingEmail: null, emailVerified: true });
      expectError(await post('/api/v1/auth/email-revert', { token: revert }), 400, 'invalid_token');
    });

    it('refuses an address another account has with 409, and a cancelled change leaves its link void', async () => {
      const user = await signUp(env.app);
      const other = await signUp(env.app);
      expectError(await patchMe(browser(user.session), { email: other.email, currentPassword: user.password }), 409, 'email_taken');
      const newEmail = uniqueEmail('undecided');
      expect((await patchMe(browser(user.session), { email: newEmail, currentPassword: user.password })).statusCode).toBe(200);
      const confirm = await mailedToken(env.db, newEmail, '/verify-email');
      const cancelled = await env.app.inject({ method: 'DELETE', url: '/api/v1/me/pending-email', headers: browser(user.session) });
      expect(cancelled.json().user).toMatchObject({ email: user.email, pendingEmail: null });
      expectError(await post('/api/v1/auth/verify-email', { token: confirm }), 400, 'invalid_token');
      expect((await getMe(env.app, browser(user.session))).json().user.email).toBe(user.email);
    });
  });

  describe('mail limits', () => {
    it(`sends one address at most ${MAILS_PER_RECIPIENT_PER_HOUR} mails an hour, from email changes or anything else`, async () => {
      const user = await signUp(env.app);
      const changes = [];
      for (let i = 0; i < MAILS_PER_RECIPIENT_PER_HOUR + 1; i++) {
        changes.push(await patchMe(browser(user.session), { email: uniqueEmail(`change-${i}`), currentPassword: user.password }));
      }
      // Each change mails the current address a notice: 5 may go, the 6th is refused.
      expect(changes.map((c) => c.statusCode)).toEqual([200, 200, 200, 200, 200, 429]);
      expect(changes[5]?.headers['retry-after']).toBe('3600');
      expect((await outboxFor(env.db, user.email)).filter((m) => m.subject.startsWith('The email address')).length).toBe(5);
    });

    it('mails an address at most 5 notices of sign-up attempts an hour, from any number of client addresses', async () => {
      const user = await signUp(env.app);
      for (let i = 0; i < 8; i++) expectError(await post('/api/v1/auth/signup', { email: user.email, password: PASSWORD }), 409, 'email_taken');
      await env.app.settle();
      const notices = (await outboxCount(env.db, user.email, 1)).filter((m) => m.subject === 'Someone tried to sign up with your address');
      expect(notices.length).toBe(MAILS_PER_RECIPIENT_PER_HOUR);
    });
  });

  describe('input the database must never see', () => {
    it('refuses passwords made only of spaces or invisible characters', async () => {
      for (const password of [' '.repeat(8), '\u00a0'.repeat(10), '\u200b'.repeat(9), ' \u3000 \u2003 \u2009 \u00a0 ']) {
        expectError(await post('/api/v1/auth/signup', { email: uniqueEmail(), password }), 400, 'weak_password');
      }
      expectError(await post('/api/v1/auth/signup', { email: uniqueEmail(), password: '\u0001'.repeat(8) }), 400, 'invalid_input');
      expect((await post('/api/v1/auth/signup', { email: uniqueEmail(), password: '  spaced   out  phrase ' })).statusCode).toBe(201);
    });

    it('answers NUL and other control characters in text with 400, never a false 409', async () => {
      const user = await signUp(env.app);
      const me = browser(user.session);
      for (const name of ['Ada\u0000', 'tab\there', 'bell\u0007', 'del\u007f']) expectError(await patchMe(me, { name }), 400, 'invalid_input');
      expectError(
        await env.app.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: me, payload: { name: 'ci\u0000' } }),
        400,
        'invalid_input',
      );
      expectError(await post('/api/v1/auth/signup', { email: uniqueEmail(), password: PASSWORD, name: 'x\u0000y' }), 400, 'invalid_input');
      expect((await getMe(env.app, me)).json().user.name).toBe('');
    });

    it('answers 409 only for a real clash: of two accounts claiming one username at once, one wins', async () => {
      const [a, b] = [await signUp(env.app), await signUp(env.app)];
      const username = `clash-${a.id.slice(0, 8)}`;
      const answers = await Promise.all([a, b].map((u) => patchMe(browser(u.session), { username })));
      expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409]);
      expect(answers.find((r) => r.statusCode === 409)?.json().error.code).toBe('username_taken');
    });
  });

  describe('private answers', () => {
    it('sends Cache-Control: no-store on /me, /me/tokens and /me/export', async () => {
      const user = await signUp(env.app);
      for (const url of ['/api/v1/me', '/api/v1/me/tokens', '/api/v1/me/export']) {
        const response = await env.app.inject({ url, headers: browser(user.session) });
        expect(response.statusCode).toBe(200);
        expect(response.headers['cache-control'], url).toBe('no-store');
      }
    });
  });
});
