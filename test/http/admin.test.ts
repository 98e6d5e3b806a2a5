/**
 * The admin area on both databases, with two instances on one database and one Redis: finding
 * accounts, disabling one (its session and token stop working at once on the other instance, and
 * it cannot sign in until enabled), granting and revoking administration, deleting, the audit log,
 * the instance and content reload, the refusals, and the pages with their forms.
 */
import type { FastifyInstance } from 'fastify';
import { beforeAll, describe, expect, it } from 'vitest';
import { UserRepository } from '../../src/features/auth/user-repository.js';
import { LATEST_MIGRATION } from '../../src/db/migrate.js';
import { bearer, browser, expectError, logIn, signUp, type SignedUp } from '../helpers/accounts.js';
import { DIALECTS } from '../helpers/databases.js';
import { useSharedInstances } from '../helpers/shared-instances.js';
import { eventually } from '../helpers/eventually.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

describe.each(DIALECTS)('the admin area on $name', ({ name, create }) => {
  const env = useSharedInstances(create);
  let root: SignedUp;

  const call = (app: FastifyInstance, method: Method, url: string, who: SignedUp, payload?: object) =>
    app.inject({ method, url: `/api/v1${url}`, headers: browser(who.session), ...(payload ? { payload } : {}) });

  beforeAll(async () => {
    root = await signUp(env.first, { name: 'Root Admin', email: `root-${name}@admins.example` });
    // Before any request rides on the new session, so no instance has the account in memory yet.
    await new UserRepository(env.db).update(root.id, { is_admin: 1 });
  });

  it('finds accounts by any part of their email, name or username, newest first', async () => {
    const tag = `zq${Date.now().toString(36)}`;
    const ada = await signUp(env.first, { name: `Ada ${tag}`, email: `ada-${tag}@example.org` });
    const bo = await signUp(env.first, { name: 'Bo', email: `bo-${tag}@example.org` });
    const found = await call(env.first, 'GET', `/admin/users?q=${tag.toUpperCase()}`, root);
    expect(found.statusCode, found.body).toBe(200);
    expect(found.json()).toMatchObject({ total: 2, page: 1, pageSize: 50 });
    expect(found.json().users.map((u: { email: string }) => u.email)).toEqual([`bo-${tag}@example.org`, `ada-${tag}@example.org`]);
    expect(found.json().users[1]).toMatchObject({
      id: ada.id,
      name: `Ada ${tag}`,
      isAdmin: false,
      disabled: false,
      disabledAt: null,
      signInMethods: ['password'],
      sessions: 1,
      tokens: 0,
    });
    // LIKE's wildcards are only themselves.
    expect((await call(env.first, 'GET', '/admin/users?q=%25', root)).json().total).toBe(0);
    expect((await call(env.first, 'GET', `/admin/users?q=bo-${tag}`, root)).json().users.map((u: { id: string }) => u.id)).toEqual([bo.id]);
  });

  it('disables an account: its session and token stop at once on the other instance, and it cannot sign in until enabled', async () => {
    const bea = await signUp(env.first, { name: 'Bea' });
    const made = await env.second.inject({ method: 'POST', url: '/api/v1/me/tokens', headers: browser(bea.session), payload: { name: 'script' } });
    expect(made.statusCode, made.body).toBe(201);
    const token = made.json().token as string;
    // Both credentials are warm in the second instance's memory.
    expect((await env.second.inject({ method: 'GET', url: '/api/v1/me', headers: browser(bea.session) })).statusCode).toBe(200);
    expect((await env.second.inject({ method: 'GET', url: '/api/v1/me', headers: bearer(token) })).statusCode).toBe(200);

    const disabled = await call(env.first, 'PATCH', `/admin/users/${bea.id}`, root, { disabled: true });
    expect(disabled.statusCode, disabled.body).toBe(200);
    expect(disabled.json()).toMatchObject({ disabled: true, disabledAt: expect.any(String) });
    const me = (app: FastifyInstance, headers: Record<string, string>) => () => app.inject({ method: 'GET', url: '/api/v1/me', headers });
    // On the instance that made the change, at once; on the other, as soon as Redis brings the news.
    expectError(await me(env.first, browser(bea.session))(), 401, 'unauthenticated');
    expectError(await eventually(me(env.second, browser(bea.session)), (r) => r.statusCode === 401), 401, 'unauthenticated');
    expectError(await eventually(me(env.second, bearer(token)), (r) => r.statusCode === 401), 401, 'unauthenticated');
    const refused = await logIn(env.second, bea.email, bea.password);
    expectError(refused, 403, 'account_disabled');
    expect(refused.json().error.message).toBe('This account is disabled. Ask the site’s administrators to enable it.');

    expect((await call(env.first, 'PATCH', `/admin/users/${bea.id}`, root, { disabled: false })).json().disabled).toBe(false);
    expect((await me(env.second, browser(bea.session))()).statusCode).toBe(200);
    expect((await me(env.second, bearer(token))()).statusCode).toBe(200);
    expect((await logIn(env.second, bea.email, bea.password)).statusCode).toBe(200);
  });

  it('grants and revokes administration, and refuses what would lock an admin out', async () => {
    const cy = await signUp(env.first, { name: 'Cy' });
    expectError(await call(env.second, 'GET', '/admin/users', cy), 403, 'forbidden');
    expect((await call(env.first, 'PATCH', `/admin/users/${cy.id}`, root, { isAdmin: true })).json().isAdmin).toBe(true);
    expect(
      (
        await eventually(
          () => call(env.second, 'GET', '/admin/users', cy),
          (r) => r.statusCode === 200,
        )
      ).statusCode,
    ).toBe(200);
    const self = await call(env.first, 'PATCH', `/admin/users/${root.id}`, root, { isAdmin: false });
    expectError(self, 403, 'forbidden');
    expect(self.json().error.message).toBe('You cannot disable your own account or revoke your own administration: ask another administrator.');
    expectError(await call(env.first, 'PATCH', `/admin/users/${root.id}`, root, { disabled: true }), 403, 'forbidden');
    expectError(await call(env.first, 'DELETE', `/admin/users/${root.id}`, root), 403, 'forbidden');
    expect((await call(env.second, 'PATCH', `/admin/users/${cy.id}`, root, { isAdmin: false })).json().isAdmin).toBe(false);
    expectError(
      await eventually(
        () => call(env.first, 'GET', '/admin/users', cy),
        (r) => r.statusCode === 403,
      ),
      403,
      'forbidden',
    );
  });

  it('refuses bad input clearly', async () => {
    expectError(await call(env.first, 'PATCH', '/admin/users/00000000-0000-4000-8000-000000000000', root, { disabled: true }), 404, 'not_found');
    expectError(await call(env.first, 'PATCH', `/admin/users/${root.id}`, root, {}), 400, 'invalid_input');
    expectError(await call(env.first, 'PATCH', `/admin/users/${root.id}`, root, { disabled: 'yes' }), 400, 'invalid_input');
    expectError(await call(env.first, 'PATCH', `/admin/users/${root.id}`, root, { isAdmin: true, role: 'god' }), 400, 'invalid_input');
    expectError(await call(env.first, 'GET', '/admin/users/not-a-uuid', root), 400, 'invalid_input');
    expectError(await call(env.first, 'GET', '/admin/users?page=0', root), 400, 'invalid_input');
  });

  it('deletes an account, hands on its teams, and logs every action with who made it', async () => {
    const dee = await signUp(env.first, { name: 'Dee' });
    const eve = await signUp(env.first, { name: 'Eve' });
    const team = await call(env.first, 'POST', '/teams', dee, { name: 'Dee’s study group' });
    const invite = await call(env.first, 'POST', `/teams/${team.json().id}/invites`, dee, {});
    const token = (invite.json().url as string).split('/').pop()!;
    expect((await call(env.first, 'POST', `/invites/${token}/accept`, eve)).statusCode).toBe(200);

    expect((await call(env.second, 'DELETE', `/admin/users/${dee.id}`, root)).statusCode).toBe(204);
    expectError(await call(env.first, 'GET', `/admin/users/${dee.id}`, root), 404, 'not_found');
    expectError(
      await eventually(
        () => env.first.inject({ method: 'GET', url: '/api/v1/me', headers: browser(dee.session) }),
        (r) => r.statusCode === 401,
      ),
      401,
      'unauthenticated',
    );
    expect((await call(env.first, 'GET', '/me/teams', eve)).json().teams.map((t: { role: string }) => t.role)).toEqual(['owner']);

    const log = await call(env.first, 'GET', '/admin/audit', root);
    expect(log.statusCode).toBe(200);
    const latest = log.json().entries[0];
    expect(latest).toMatchObject({
      action: 'user.delete',
      summary: 'Deleted an account',
      admin: { id: root.id, email: root.email },
      target: { id: dee.id, label: dee.email },
    });
    const actions = log.json().entries.map((e: { action: string }) => e.action);
    for (const action of ['user.disable', 'user.enable', 'admin.grant', 'admin.revoke', 'user.delete']) expect(actions).toContain(action);
    expect(log.json().total).toBe(log.json().entries.length);
  });

  it('shows the instance and reloads the content, listing what changed', async () => {
    const status = await call(env.first, 'GET', '/admin/instance', root);
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({
      version: '0.1.0',
      dialect: name,
      migration: { applied: LATEST_MIGRATION, latest: LATEST_MIGRATION },
      redis: 'up',
      mail: { failed: 0 },
    });
    expect(status.json().roadmaps.map((r: { id: string }) => r.id)).toContain('sample');
    const reload = await call(env.first, 'POST', '/admin/content/reload', root);
    expect(reload.json()).toEqual({ ok: true, changed: [], problems: [] });
    expect((await call(env.first, 'GET', '/admin/audit', root)).json().entries[0]).toMatchObject({
      action: 'content.reload',
      detail: 'changed: nothing',
    });
  });

  it('serves the pages to admins only, and their forms work without scripts', async () => {
    const fay = await signUp(env.first, { name: 'Fay', email: `fay-${name}-${Date.now()}@example.org` });
    const page = (url: string, who?: SignedUp) => env.first.inject({ method: 'GET', url, headers: who ? browser(who.session) : {} });
    const signedOut = await page('/admin');
    expect(signedOut.statusCode).toBe(303);
    expect(signedOut.headers.location).toBe('/login?next=/admin');
    expect((await page('/admin', fay)).statusCode).toBe(403);
    expect((await page('/admin/audit', fay)).statusCode).toBe(403);

    const list = await page(`/admin?q=${encodeURIComponent(fay.email)}`, root);
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`data-user="${fay.email}"`);
    expect(list.body).toContain('1 account matching');
    const form = (url: string, payload: Record<string, string> = {}) =>
      env.first.inject({
        method: 'POST',
        url,
        headers: { ...browser(root.session), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(payload).toString(),
      });
    const disabled = await form(`/admin/users/${fay.id}/disable`);
    expect(disabled.statusCode).toBe(303);
    expect(disabled.headers.location).toBe('/admin?notice=disabled#accounts');
    expect((await page(`/admin?q=${encodeURIComponent(fay.email)}&notice=disabled`, root)).body).toContain(
      'Account disabled: its sessions and tokens no longer work.',
    );
    expectError(await env.first.inject({ method: 'GET', url: '/api/v1/me', headers: browser(fay.session) }), 401, 'unauthenticated');

    const wrong = await form(`/admin/users/${fay.id}/delete`, { confirm: 'someone-else@example.org' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain(`Type ${fay.email} exactly to delete that account.`);
    const deleted = await form(`/admin/users/${fay.id}/delete`, { confirm: fay.email.toUpperCase() });
    expect(deleted.headers.location).toBe('/admin?notice=deleted#accounts');
    expect((await page(`/admin?q=${encodeURIComponent(fay.email)}`, root)).body).toContain('No account matches.');
    expect((await form(`/admin/users/${root.id}/revoke-admin`)).statusCode).toBe(403);
    expect((await form(`/admin/users/${root.id}/promote-to-god`)).statusCode).toBe(404);

    const audit = await page('/admin/audit', root);
    expect(audit.statusCode).toBe(200);
    expect(audit.body).toContain(`${root.email}</strong> · Deleted an account · ${fay.email}`);
  });
});
