/**
 * The server-rendered account pages through inject(): plain HTML forms, as a browser without
 * JavaScript posts them. Errors come back as the form with a message next to the field.
 */
import type { LightMyRequestResponse } from 'fastify';
import { describe, expect, it } from 'vitest';

import { ORIGIN, PASSWORD, getMe, logIn, mailedToken, nextIp, sessionTokenOf, signUp, uniqueEmail } from '../helpers/accounts.js';
import { DIALECTS } from '../helpers/databases.js';
import { useTestApp } from '../helpers/test-app.js';

/** The text of the field error tied to an input by aria-describedby. */
function fieldError(html: string, inputId: string): string | undefined {
  const input = html.match(new RegExp(`<input id="${inputId}"[^>]*>`))?.[0];
  const errorId = input?.match(/aria-describedby="[^"]*?([\w-]+-error)"/)?.[1];
  const text = errorId ? html.match(new RegExp(`<p class="field-error" id="${errorId}">(.*?)</p>`))?.[1] : undefined;
  return text?.replace(/<[^>]+>/g, '');
}

describe.each(DIALECTS)('account pages on $name', ({ create }) => {
  const env = useTestApp(create);

  const get = (url: string, session?: string) => env.app.inject({ method: 'GET', url, headers: session ? { cookie: `mp_session=${session}` } : {} });
  const post = (url: string, fields: Record<string, string>, options: { session?: string; origin?: string } = {}) =>
    env.app.inject({
      method: 'POST',
      url,
      remoteAddress: nextIp(),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: options.origin ?? ORIGIN,
        ...(options.session ? { cookie: `mp_session=${options.session}` } : {}),
      },
      payload: new URLSearchParams(fields).toString(),
    });
  const expectRedirect = (response: LightMyRequestResponse, location: string) => {
    expect(response.statusCode, response.body).toBe(303);
    expect(response.headers.location).toBe(location);
  };

  describe('signing in and out', () => {
    it('re-renders the login form with 401 and an error next to the password on a wrong password', async () => {
      const user = await signUp(env.app);
      const response = await post('/login', { email: user.email, password: 'not the password' });
      expect(response.statusCode).toBe(401);
      expect(response.headers['cache-control']).toBe('no-store');
      expect(fieldError(response.body, 'login-password')).toBe('Error: The email or password is not correct.');
      expect(response.body).toContain(`value="${user.email}"`);
      expect(sessionTokenOf(response)).toBeUndefined();
    });

    it('refuses a form posted from another site with 403', async () => {
      const user = await signUp(env.app);
      const response = await post('/login', { email: user.email, password: user.password }, { origin: 'https://evil.example' });
      expect(response.statusCode).toBe(403);
      expect(response.headers['content-type']).toContain('text/html');
      expect(sessionTokenOf(response)).toBeUndefined();
    });

    it('signs in, follows a local ?next= only, and signs out with POST /logout', async () => {
      const user = await signUp(env.app);
      const good = await post('/login', { email: user.email, password: user.password, next: '/backend/http' });
      expectRedirect(good, '/backend/http');
      const session = sessionTokenOf(good) as string;
      expect(good.cookies.find((c) => c.name === 'mp_signed_in')?.value).toBe('1');
      for (const next of ['//evil.example', '/\\evil.example', 'https://evil.example/', '/\tevil']) {
        expectRedirect(await post('/login', { email: user.email, password: user.password, next }), '/');
      }
      expect((await get('/logout', session)).body).toContain('data-logout-form');
      const out = await post('/logout', {}, { session });
      expectRedirect(out, '/');
      expect(out.cookies.find((c) => c.name === 'mp_session')?.value).toBe('');
      expect((await getMe(env.app, { cookie: `mp_session=${session}` })).statusCode).toBe(401);
    });

    it('signs up with a session cookie, and explains a taken address or a weak password next to the field', async () => {
      const email = uniqueEmail();
      const created = await post('/signup', { name: 'Grace', email, password: PASSWORD, next: '/backend' });
      expectRedirect(created, '/backend');
      const session = sessionTokenOf(created) as string;
      expect((await getMe(env.app, { cookie: `mp_session=${session}` })).json().user).toMatchObject({ email, name: 'Grace' });

      const taken = await post('/signup', { name: '', email, password: PASSWORD });
      expect(taken.statusCode).toBe(409);
      expect(fieldError(taken.body, 'signup-email')).toMatch(/already exists/);
      const weak = await post('/signup', { name: '', email: uniqueEmail(), password: 'password' });
      expect(weak.statusCode).toBe(400);
      expect(fieldError(weak.body, 'signup-password')).toMatch(/too common/);
      const badEmail = await post('/signup', { name: '', email: 'not-an-email', password: PASSWORD });
      expect(fieldError(badEmail.body, 'signup-email')).toMatch(/email address like/);
    });

    it('labels every input and sets autocomplete on the sign-in pages', async () => {
      for (const path of ['/signup', '/login', '/forgot-password', '/reset-password?token=abcdefghijkl']) {
        const html = (await get(path)).body;
        for (const input of html.match(/<input [^>]*>/g) ?? []) {
          if (input.includes('type="hidden"')) continue;
          const id = input.match(/id="([^"]+)"/)?.[1];
          expect(html, `${path}: label for ${id}`).toContain(`<label for="${id}">`);
          expect(input, path).toMatch(/autocomplete="(email|current-password|new-password|name|username)"/);
        }
      }
    });
  });

  describe('emailed links', () => {
    it('answers a reset request the same way for unknown addresses, and resets through the link', async () => {
      const user = await signUp(env.app);
      expectRedirect(await post('/forgot-password', { email: uniqueEmail('nobody') }), '/forgot-password?notice=reset-sent');
      expectRedirect(await post('/forgot-password', { email: user.email }), '/forgot-password?notice=reset-sent');
      expect((await get('/forgot-password?notice=reset-sent')).body).toMatch(/role="status">If an account exists/);
      const token = await mailedToken(env.db, user.email, '/reset-password');

      const page = await get(`/reset-password?token=${encodeURIComponent(token)}`);
      expect(page.headers['referrer-policy']).toBe('no-referrer');
      const weak = await post('/reset-password', { token, password: 'short' });
      expect(fieldError(weak.body, 'reset-password')).toMatch(/at least 8/);
      expectRedirect(await post('/reset-password', { token, password: 'a brand new passphrase' }), '/login?notice=password-reset');
      expect((await post('/reset-password', { token, password: 'another new passphrase' })).statusCode).toBe(400);
      expect((await logIn(env.app, user.email, user.password)).statusCode).toBe(401);
      expect((await logIn(env.app, user.email, 'a brand new passphrase')).statusCode).toBe(200);
    });

    it('verifies an email only on POST, never on the GET a mail scanner makes', async () => {
      const user = await signUp(env.app);
      const token = await mailedToken(env.db, user.email, '/verify-email');
      const page = await get(`/verify-email?token=${encodeURIComponent(token)}`);
      expect(page.statusCode).toBe(200);
      expect((await get(`/verify-email?token=${encodeURIComponent(token)}`)).body).toContain('Confirm my email');
      expectRedirect(await post('/verify-email', { token }, { session: user.session }), '/account?notice=email-verified');
      expect((await getMe(env.app, { cookie: `mp_session=${user.session}` })).json().user.emailVerified).toBe(true);
      expect((await post('/verify-email', { token })).statusCode).toBe(400);
    });
  });

  describe('/account', () => {
    it('redirects a signed-out visitor to the login page, and back afterwards', async () => {
      expectRedirect(await get('/account'), '/login?next=/account');
      expectRedirect(await post('/account/profile', { name: 'x', username: '', timeZone: 'UTC' }), '/login?next=/account');
      expect((await get('/login?next=/account')).body).toContain('<input type="hidden" name="next" value="/account"/>');
    });

    it('shows the account without caching it, and saves the profile with a notice', async () => {
      const user = await signUp(env.app, { name: 'Ada' });
      const page = await get('/account', user.session);
      expect(page.statusCode).toBe(200);
      expect(page.headers['cache-control']).toBe('no-store');
      expect(page.body).toContain(
        '<a class="account-link" href="/account" data-account-link="true">Account <span class="account-name">Ada</span></a>',
      );
      expect(page.body).toContain('<option value="Europe/Paris">Europe/Paris</option>');

      const username = `ada-${user.id.slice(0, 8)}`;
      const fields = { name: 'Ada L', username: '', timeZone: 'Europe/Paris', publicProfile: 'on' };
      const refused = await post('/account/profile', fields, { session: user.session });
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toMatch(/id="profile-public-error"><strong>Error:<\/strong> A public profile needs a username/);
      expectRedirect(await post('/account/profile', { ...fields, username }, { session: user.session }), '/account?notice=profile-saved');
      const saved = await get('/account?notice=profile-saved', user.session);
      expect(saved.body).toContain('role="status">Your profile was saved.');
      expect(saved.body).toContain(`<a href="/u/${username}">/u/${username}</a>`);
      expect((await get(`/u/${username}`)).statusCode).toBe(200);

      const other = await signUp(env.app);
      const taken = await post('/account/profile', { ...fields, username }, { session: other.session });
      expect(taken.statusCode).toBe(409);
      expect(fieldError(taken.body, 'profile-username')).toMatch(/taken/);
    });

    it('changes the email only with the password, after the new address confirms it, and the old one can undo it', async () => {
      const user = await signUp(env.app);
      const newEmail = uniqueEmail('moved');
      const wrong = await post('/account/email', { email: newEmail, currentPassword: 'not the password' }, { session: user.session });
      expect(wrong.statusCode).toBe(401);
      expect(fieldError(wrong.body, 'email-password')).toMatch(/not correct/);
      expect(wrong.body).toContain(`value="${newEmail}"`);

      expectRedirect(
        await post('/account/email', { email: newEmail, currentPassword: user.password }, { session: user.session }),
        '/account?notice=email-change-sent',
      );
      const waiting = await get('/account', user.session);
      expect(waiting.body).toContain(`Waiting for you to confirm <strong>${newEmail}</strong>`);
      expect(waiting.body).toContain(`You log in with <strong>${user.email}</strong>`);
      // Until it is confirmed the old address still signs in, and the new one does not.
      expect((await logIn(env.app, newEmail, user.password)).statusCode).toBe(401);

      const confirm = await mailedToken(env.db, newEmail, '/verify-email');
      const revert = await mailedToken(env.db, user.email, '/revert-email');
      expectRedirect(await post('/verify-email', { token: confirm }, { session: user.session }), '/account?notice=email-change-confirmed');
      expect((await get('/account', user.session)).body).toContain(`You log in with <strong>${newEmail}</strong> (confirmed).`);
      expect((await logIn(env.app, newEmail, user.password)).statusCode).toBe(200);

      expect((await get(`/revert-email?token=${revert}`)).body).toContain('Keep this address and sign out everywhere');
      const reverted = await post('/revert-email', { token: revert });
      expectRedirect(reverted, '/forgot-password?notice=email-kept');
      expect((await get('/forgot-password?notice=email-kept')).body).toContain('Your email address was kept');
      expect((await logIn(env.app, user.email, user.password)).statusCode).toBe(200);
      expect((await logIn(env.app, newEmail, user.password)).statusCode).toBe(401);
      expect((await get('/account', user.session)).statusCode).toBe(303);
    });

    it('changes the password only with the current one', async () => {
      const user = await signUp(env.app);
      const wrong = await post('/account/password', { currentPassword: 'nope nope nope', newPassword: 'x'.repeat(20) }, { session: user.session });
      expect(wrong.statusCode).toBe(401);
      expect(fieldError(wrong.body, 'password-current')).toMatch(/not correct/);
      const fields = { currentPassword: user.password, newPassword: 'my second passphrase' };
      expectRedirect(await post('/account/password', fields, { session: user.session }), '/account?notice=password-changed');
      expect((await logIn(env.app, user.email, 'my second passphrase')).statusCode).toBe(200);
    });

    it('creates a token with POST-redirect-GET, shows it once, lists only its prefix, and revokes it', async () => {
      const user = await signUp(env.app);
      const created = await post('/account/tokens', { name: 'backup script' }, { session: user.session });
      expectRedirect(created, '/account?notice=token-created#tokens');
      const flash = created.cookies.find((c) => c.name === 'mp_new_token')!;
      expect(flash).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/account', maxAge: 300 });
      const shown = await env.app.inject({
        url: '/account?notice=token-created',
        headers: { cookie: `mp_session=${user.session}; mp_new_token=${flash.value}` },
      });
      expect(shown.statusCode).toBe(200);
      expect(shown.headers['cache-control']).toBe('no-store');
      expect(shown.body).toContain('The token was created. Copy it now: it is shown only once.');
      // Shown once: the answer clears the cookie that carried it.
      expect(shown.cookies.find((c) => c.name === 'mp_new_token')).toMatchObject({ value: '', path: '/account' });
      const token = shown.body.match(/data-new-token[^>]*>(mp_[^<]+)</)?.[1] as string;
      expect(token).toMatch(/^mp_/);
      expect((await getMe(env.app, { authorization: `Bearer ${token}` })).statusCode).toBe(200);
      const later = await get('/account', user.session);
      expect(later.body).not.toContain(token);
      expect(later.body).toContain(`<code>${token.slice(0, 7)}…</code>`);
      const id = later.body.match(/data-token-id="([^"]+)"/)?.[1] as string;
      expectRedirect(await post(`/account/tokens/${id}/revoke`, {}, { session: user.session }), '/account?notice=token-revoked');
      expect((await getMe(env.app, { authorization: `Bearer ${token}` })).statusCode).toBe(401);
    });

    it('deletes the account only with the password and the confirmation box', async () => {
      const user = await signUp(env.app);
      expect((await post('/account/delete', { password: user.password }, { session: user.session })).statusCode).toBe(400);
      const wrong = await post('/account/delete', { password: 'wrong password', confirm: 'yes' }, { session: user.session });
      expect(wrong.statusCode).toBe(401);
      expect(fieldError(wrong.body, 'delete-password')).toMatch(/not correct/);
      const deleted = await post('/account/delete', { password: user.password, confirm: 'yes' }, { session: user.session });
      expectRedirect(deleted, '/login?notice=account-deleted');
      expect(deleted.cookies.find((c) => c.name === 'mp_signed_in')?.value).toBe('');
      expect((await logIn(env.app, user.email, user.password)).statusCode).toBe(401);
    });
  });
});
