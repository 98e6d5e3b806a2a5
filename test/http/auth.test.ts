import { describe, expect, it, vi } from 'vitest';

import { hashToken } from '../../src/features/auth/secret-token.js';
import {
  browser,
  expectError,
  getMe,
  logIn,
  mailedToken,
  nextIp,
  outboxFor,
  PASSWORD,
  sessionTokenOf,
  signUp,
  uniqueEmail,
} from '../helpers/accounts.js';
import { DIALECTS } from '../helpers/databases.js';
import { buildTestApp, useTestApp } from '../helpers/test-app.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const daysAgo = (days: number) => new Date(Date.now() - days * DAY_MS).toISOString();

describe.each(DIALECTS)('sign-up, sign-in and email on $name', ({ create }) => {
  const env = useTestApp(create);

  const setSession = (token: string, values: { last_seen_at?: string; expires_at?: string; created_at?: string }) =>
    env.db.updateTable('sessions').set(values).where('token_hash', '=', hashToken(token)).execute();
  const post = (url: string, payload: object) => env.app.inject({ method: 'POST', url, payload, remoteAddress: nextIp() });

  describe('sessions', () => {
    it('signs up with 201 and an HttpOnly, SameSite=Lax session cookie that is not Secure on http', async () => {
      const email = uniqueEmail();
      const response = await post('/api/v1/auth/signup', { email, password: PASSWORD, name: 'Ada' });
      expect(response.statusCode).toBe(201);
      expect(response.json().user).toMatchObject({ email, name: 'Ada', emailVerified: false, username: null, publicProfile: false, isAdmin: false });
      expect(response.body).not.toContain('argon2');
      const cookie = response.cookies.find((c) => c.name === 'mp_session');
      expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/', maxAge: 90 * 24 * 60 * 60 });
      expect(cookie?.secure).toBeFalsy();
      expect(cookie?.value.length).toBeGreaterThanOrEqual(22);
      expect(response.cookies.find((c) => c.name === 'mp_signed_in')?.httpOnly).toBeFalsy();
      expect(response.headers['strict-transport-security']).toBeUndefined();
      const rows = await env.db.selectFrom('sessions').select('token_hash').where('user_id', '=', response.json().user.id).execute();
      expect(rows).toEqual([{ token_hash: hashToken(cookie?.value ?? '') }]);
      const me = await getMe(env.app, browser(cookie?.value ?? ''));
      expect(me.json().user.email).toBe(email);
    });

    it('marks the cookie Secure and sends HSTS when BASE_URL is https', async () => {
      const secureApp = await buildTestApp({ db: env.testDb, env: { BASE_URL: 'https://example.org' } });
      try {
        const response = await secureApp.inject({
          method: 'POST',
          url: '/api/v1/auth/signup',
          payload: { email: uniqueEmail(), password: PASSWORD },
        });
        expect(response.statusCode).toBe(201);
        expect(response.cookies.find((c) => c.name === 'mp_session')).toMatchObject({ secure: true, httpOnly: true, sameSite: 'Lax', path: '/' });
        expect(response.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect((await secureApp.inject({ url: '/' })).headers['strict-transport-security']).toMatch(/max-age=\d+/);
        const token = sessionTokenOf(response) ?? '';
        const patch = (origin: string) =>
          secureApp.inject({ method: 'PATCH', url: '/api/v1/me', headers: browser(token, origin), payload: { name: 'x' } });
        expect((await patch('https://example.org')).statusCode).toBe(200);
        expectError(await patch('http://localhost:3000'), 403, 'cross_origin');
      } finally {
        await secureApp.close();
      }
    });

    it('starts a new session on every sign-in; each works until it is signed out', async () => {
      const user = await signUp(env.app);
      const first = await logIn(env.app, user.email, user.password);
      const second = await logIn(env.app, user.email.toUpperCase(), user.password);
      expect(first.statusCode).toBe(200);
      expect(first.json().user.id).toBe(user.id);
      const tokens = [user.session, sessionTokenOf(first), sessionTokenOf(second)];
      expect(new Set(tokens).size).toBe(3);
      for (const token of tokens) expect((await getMe(env.app, browser(token ?? ''))).statusCode).toBe(200);

      const logout = await env.app.inject({ method: 'POST', url: '/api/v1/auth/logout', headers: browser(tokens[1] ?? '') });
      expect(logout.statusCode).toBe(204);
      expect(logout.cookies.find((c) => c.name === 'mp_session')?.value).toBe('');
      expectError(await getMe(env.app, browser(tokens[1] ?? '')), 401, 'unauthenticated');
      expect((await getMe(env.app, browser(tokens[2] ?? ''))).statusCode).toBe(200);
    });

    it('keeps a session across a restart on the same database', async () => {
      const before = await buildTestApp({ db: env.testDb });
      const user = await signUp(before);
      await before.close();
      const after = await buildTestApp({ db: env.testDb });
      try {
        const me = await getMe(after, browser(user.session));
        expect(me.statusCode).toBe(200);
        expect(me.json().user.email).toBe(user.email);
      } finally {
        await after.close();
      }
    });

    it('ends a session unused for longer than SESSION_IDLE_DAYS (30 by default)', async () => {
      const recent = await signUp(env.app);
      await setSession(recent.session, { last_seen_at: daysAgo(29) });
      expect((await getMe(env.app, browser(recent.session))).statusCode).toBe(200);
      const idle = await signUp(env.app);
      await setSession(idle.session, { last_seen_at: daysAgo(31) });
      expectError(await getMe(env.app, browser(idle.session)), 401, 'unauthenticated');

      const weekly = await buildTestApp({ db: env.testDb, env: { SESSION_IDLE_DAYS: '7' } });
      try {
        const user = await signUp(weekly);
        expect((await getMe(weekly, browser(user.session))).statusCode).toBe(200);
        // Eight days pass: the session, known to the server's memory by now, must still end.
        vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 8 * DAY_MS });
        expectError(await getMe(weekly, browser(user.session)), 401, 'unauthenticated');
      } finally {
        vi.useRealTimers();
        await weekly.close();
      }
    });

    it('ends a session past its absolute limit however active, including a lowered SESSION_MAX_DAYS', async () => {
      const expired = await signUp(env.app);
      await setSession(expired.session, { expires_at: daysAgo(0.01) });
      expectError(await getMe(env.app, browser(expired.session)), 401, 'unauthenticated');

      const old = await signUp(env.app);
      await setSession(old.session, { created_at: daysAgo(10) });
      expect((await getMe(env.app, browser(old.session))).statusCode).toBe(200);
      const strict = await buildTestApp({ db: env.testDb, env: { SESSION_MAX_DAYS: '5' } });
      try {
        expectError(await getMe(strict, browser(old.session)), 401, 'unauthenticated');
        const fresh = await signUp(strict);
        const row = await env.db.selectFrom('sessions').selectAll().where('token_hash', '=', hashToken(fresh.session)).executeTakeFirstOrThrow();
        expect(Date.parse(row.expires_at) - Date.parse(row.created_at)).toBe(5 * DAY_MS);
      } finally {
        await strict.close();
      }
    });
  });

  describe('passwords and duplicates', () => {
    it('accepts 8 to 128 characters and refuses shorter, longer, common or email-like passwords', async () => {
      const signup = (password: string, email = uniqueEmail()) => post('/api/v1/auth/signup', { email, password });
      for (const password of ['kq7vz2m', 'x'.repeat(129), 'password123', 'PASSWORD123', 'qwertyuiop']) {
        expectError(await signup(password), 400, 'weak_password');
      }
      const email = uniqueEmail();
      expectError(await signup(email, email), 400, 'weak_password');
      expect((await signup('kq7vz2mx')).statusCode).toBe(201);
      expect((await signup('y'.repeat(128))).statusCode).toBe(201);
    });

    it('refuses a second account for the same email with 409 email_taken and tells the owner', async () => {
      const user = await signUp(env.app);
      expectError(await post('/api/v1/auth/signup', { email: user.email.toUpperCase(), password: PASSWORD }), 409, 'email_taken');
      await env.app.settle();
      const mails = await outboxFor(env.db, user.email);
      expect(mails.map((m) => m.subject)).toContain('Someone tried to sign up with your address');
    });
  });

  describe('email verification', () => {
    it('verifies the address with the token from the mailed link, once', async () => {
      const user = await signUp(env.app);
      const [mail] = await outboxFor(env.db, user.email);
      expect(mail?.subject).toBe('Confirm your email for Milepost');
      const token = await mailedToken(env.db, user.email, '/verify-email');
      expect((await post('/api/v1/auth/verify-email', { token })).statusCode).toBe(204);
      expect((await getMe(env.app, browser(user.session))).json().user.emailVerified).toBe(true);
      expectError(await post('/api/v1/auth/verify-email', { token }), 400, 'invalid_token');
    });

    it('refuses expired, garbage and wrong-purpose tokens with invalid_token', async () => {
      const user = await signUp(env.app);
      const token = await mailedToken(env.db, user.email, '/verify-email');
      await env.db
        .updateTable('email_tokens')
        .set({ expires_at: daysAgo(0.01) })
        .where('token_hash', '=', hashToken(token))
        .execute();
      expectError(await post('/api/v1/auth/verify-email', { token }), 400, 'invalid_token');
      expectError(await post('/api/v1/auth/verify-email', { token: 'not-a-token-we-ever-sent-to-anyone' }), 400, 'invalid_token');
      expect((await post('/api/v1/auth/password-reset', { email: user.email })).statusCode).toBe(202);
      const reset = await mailedToken(env.db, user.email, '/reset-password');
      expectError(await post('/api/v1/auth/verify-email', { token: reset }), 400, 'invalid_token');
      expect((await getMe(env.app, browser(user.session))).json().user.emailVerified).toBe(false);
    });
  });

  describe('password reset', () => {
    it('answers 202 with the same body for known and unknown emails and mails only the known one', async () => {
      const user = await signUp(env.app);
      const unknown = uniqueEmail('nobody');
      const known = await post('/api/v1/auth/password-reset', { email: user.email });
      const other = await post('/api/v1/auth/password-reset', { email: unknown });
      expect(known.statusCode).toBe(202);
      expect(other.statusCode).toBe(202);
      expect(other.body).toBe(known.body);
      await env.app.settle();
      expect((await outboxFor(env.db, user.email)).map((m) => m.subject)).toContain('Reset your Milepost password');
      expect(await outboxFor(env.db, unknown)).toEqual([]);
    });

    it('sets the new password with the mailed token and ends every session', async () => {
      const user = await signUp(env.app);
      const other = sessionTokenOf(await logIn(env.app, user.email, user.password)) ?? '';
      await post('/api/v1/auth/password-reset', { email: user.email });
      const token = await mailedToken(env.db, user.email, '/reset-password');
      const confirm = (password: string) => post('/api/v1/auth/password-reset/confirm', { token, password });

      expectError(await confirm('password123'), 400, 'weak_password');
      const newPassword = 'a brand new passphrase 7';
      expect((await confirm(newPassword)).statusCode).toBe(204);
      for (const session of [user.session, other]) expectError(await getMe(env.app, browser(session)), 401, 'unauthenticated');
      expectError(await logIn(env.app, user.email, user.password), 401, 'invalid_credentials');
      const login = await logIn(env.app, user.email, newPassword);
      expect(login.statusCode).toBe(200);
      expect(login.json().user.emailVerified).toBe(true);
      expectError(await confirm('yet another passphrase 8'), 400, 'invalid_token');
    });
  });
});
