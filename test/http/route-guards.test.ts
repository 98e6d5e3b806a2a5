import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESERVED_ROADMAP_IDS } from '../../src/content/reserved-ids.js';
import { UserRepository } from '../../src/features/auth/user-repository.js';
import { removeDir, writeSampleContent } from '../helpers/content-fixture.js';
import { createSqliteDatabase, type TestDatabase } from '../helpers/databases.js';
import { createSignedInUser, type TestUser } from '../helpers/signed-in-user.js';
import { buildTestApp } from '../helpers/test-app.js';
import { openDatabase, type Database } from '../../src/db/database.js';

// The guard reads no data of its own: one database is enough, and the users' rows are set directly.
describe('route guards', () => {
  let testDb: TestDatabase;
  let db: Database;
  let app: FastifyInstance;
  let contentDir: string;
  let learner: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    testDb = await createSqliteDatabase();
    contentDir = writeSampleContent();
    app = await buildTestApp({ db: testDb, contentDir });
    // Routes only a test adds, to see each kind of access answer alone, and one that declares nothing.
    app.get('/api/v1/test/admin-only', { config: { access: 'admin' } }, async () => ({ ok: true }));
    app.post('/api/v1/test/session-only', { config: { access: 'session' } }, async () => ({ ok: true }));
    app.get('/api/v1/test/teams/:teamId', { config: { access: { team: 'mentor' } } }, async () => ({ ok: true }));
    app.get('/api/v1/test/undeclared', async () => ({ ok: true }));
    await app.ready();
    db = openDatabase(testDb.config);
    learner = await createSignedInUser(db);
    admin = await createSignedInUser(db);
    await new UserRepository(db).update(admin.row.id, { is_admin: 1 });
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    await testDb?.drop();
    removeDir(contentDir);
  });

  const appRoutes = () => app.accessTable().filter((r) => !r.url.startsWith('/api/v1/test/'));

  it('finds a declared access on every route the app serves', () => {
    const routes = appRoutes();
    // Every page, API route, asset and documentation page, with HEAD for each GET.
    expect(routes.length).toBeGreaterThan(100);
    expect(routes.filter((r) => r.access === undefined).map((r) => `${r.method} ${r.url}`)).toEqual([]);
    const table = app.accessTable();
    expect(table.find((r) => r.url === '/api/v1/test/undeclared')?.access).toBeUndefined();
    expect(table.find((r) => r.method === 'GET' && r.url === '/api/v1/me')?.access).toBe('user');
    expect(table.find((r) => r.method === 'GET' && r.url === '/:roadmapId')?.access).toBe('public');
    expect(table.find((r) => r.method === 'GET' && r.url === '/account')?.access).toBe('user');
  });

  it('refuses a route that declares nothing, to everyone', async () => {
    for (const headers of [{}, learner.bearer, admin.bearer]) {
      const response = await app.inject({ url: '/api/v1/test/undeclared', headers });
      expect(response.statusCode).toBe(403);
      expect(response.json().error.code).toBe('forbidden');
    }
  });

  it('lets only administrators through an admin route: 401 signed out, 403 signed in, 200 for an admin', async () => {
    const url = '/api/v1/test/admin-only';
    expect((await app.inject({ url })).json().error.code).toBe('unauthenticated');
    const refused = await app.inject({ url, headers: learner.bearer });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    const allowed = await app.inject({ url, headers: admin.session });
    expect(allowed.statusCode).toBe(200);
    expect(allowed.json()).toEqual({ ok: true });
  });

  it('refuses every admin route of the app: 401 (or the login page) signed out, 403 to a learner', async () => {
    const adminRoutes = appRoutes().filter((r) => r.access === 'admin' && r.method !== 'HEAD');
    // The API's accounts, audit, instance and content routes, and the pages with their forms.
    expect(adminRoutes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'DELETE /api/v1/admin/users/:userId',
      'GET /admin',
      'GET /admin/audit',
      'GET /admin/reports',
      'GET /api/v1/admin/audit',
      'GET /api/v1/admin/instance',
      'GET /api/v1/admin/reports',
      'GET /api/v1/admin/users',
      'GET /api/v1/admin/users/:userId',
      'PATCH /api/v1/admin/users/:userId',
      'POST /admin/content/reload',
      'POST /admin/reports/:reportId/resolve',
      'POST /admin/users/:userId/:action',
      'POST /admin/users/:userId/delete',
      'POST /api/v1/admin/content/reload',
      'POST /api/v1/admin/reports/:reportId/resolve',
    ]);
    const someone = '00000000-0000-4000-8000-000000000000';
    for (const route of adminRoutes) {
      const url = route.url.replace(':userId', someone).replace(':reportId', someone).replace(':action', 'disable');
      const method = route.method as 'GET' | 'POST' | 'PATCH' | 'DELETE';
      const anonymous = await app.inject({ method, url, headers: { origin: 'http://localhost:3000' } });
      if (url.startsWith('/api/')) expect(anonymous.statusCode, `${method} ${url}`).toBe(401);
      else {
        expect(anonymous.statusCode, `${method} ${url}`).toBe(303);
        expect(anonymous.headers.location).toMatch(/^\/login\?next=\/admin/);
      }
      expect((await app.inject({ method, url, headers: learner.session })).statusCode, `${method} ${url}`).toBe(403);
      expect((await app.inject({ method, url, headers: learner.bearer })).statusCode, `${method} ${url}`).toBe(403);
    }
  });

  it('takes a session but not an API token where the route says session', async () => {
    const url = '/api/v1/test/session-only';
    const byToken = await app.inject({ method: 'POST', url, headers: learner.bearer });
    expect(byToken.statusCode).toBe(403);
    expect(byToken.json().error.code).toBe('session_required');
    expect((await app.inject({ method: 'POST', url, headers: learner.session })).statusCode).toBe(200);
  });

  it('answers 404 for a team route to anyone who is not a member, even signed in', async () => {
    for (const headers of [learner.bearer, admin.bearer]) {
      const response = await app.inject({ url: '/api/v1/test/teams/some-team', headers });
      expect(response.statusCode).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
  });

  it('sends a signed-out visitor of a page to the login page, and back afterwards', async () => {
    const page = await app.inject({ url: '/account?notice=welcome' });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?next=/account%3Fnotice%3Dwelcome');
    const form = await app.inject({
      method: 'POST',
      url: '/account/profile',
      headers: { referer: 'http://localhost:3000/account', origin: 'http://localhost:3000', host: 'localhost:3000' },
      payload: { name: 'x' },
    });
    expect(form.statusCode).toBe(303);
    expect(form.headers.location).toBe('/login?next=/account');
  });

  it('reserves every top-level path of the site, so no roadmap can take one', () => {
    const firstSegments = new Set(
      app
        .accessTable()
        .map((r) => r.url.split('/')[1] ?? '')
        .filter((segment) => segment !== '' && !segment.startsWith(':'))
        .map((segment) => segment.replace(/\..*$/, '')),
    );
    expect([...firstSegments].filter((segment) => !RESERVED_ROADMAP_IDS.has(segment))).toEqual([]);
    expect(firstSegments.size).toBeGreaterThan(10);
  });
});
