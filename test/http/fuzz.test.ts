/**
 * Property test over every API route: malformed requests never get a 5xx, and every refusal
 * has the documented body `{"error":{"code","message"}}` with a catalogued code and status.
 * Routes come from the OpenAPI document, so a new route is fuzzed without editing this file.
 * Fixed seed (override with FUZZ_SEED); the seed is printed when a route fails.
 */
import fc from 'fast-check';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { loadContentOrThrow } from '../../src/content/roadmap-loader.js';
import { openDatabase, type Database } from '../../src/db/database.js';
import { ERRORS } from '../../src/errors.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { malformedRequest, toInjectOptions, type KnownValues, type MalformedRequest } from '../helpers/malformed-request.js';
import { listApiRoutes, type RouteSpec } from '../helpers/openapi-routes.js';
import { UserRepository } from '../../src/features/auth/user-repository.js';
import { createSignedInUser, type TestUser } from '../helpers/signed-in-user.js';
import { sampleContentDir } from '../helpers/test-app.js';

const SEED = Number(process.env.FUZZ_SEED ?? 20261121);
const RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS ?? 200);

const content = loadContentOrThrow(sampleContentDir());
const sample = content.roadmaps.get('sample');
if (!sample) throw new Error('the sample roadmap is missing');
const TOPICS = [...sample.order, ...sample.retired.keys()];
/** Values the app accepts, so that requests also reach handlers and the database. */
const KNOWN: KnownValues = {
  byParam: {
    roadmapId: ['sample', 'other'],
    // `/roadmaps/{id}/plan` and its calendar; other `{id}` routes just answer 404 to it.
    id: ['sample'],
    username: ['fuzz-public'],
    topicId: TOPICS,
    file: ['sample.json', 'sample.JSON', 'sample.json.gz', 'sample', '..%2Fpackage.json'],
  },
  any: ['sample', ...TOPICS],
};

async function apiRoutes(): Promise<RouteSpec[]> {
  const app = await buildApp(loadConfig({ DATABASE_URL: 'sqlite::memory:', LOG_LEVEL: 'silent' }), { content });
  try {
    const routes = await listApiRoutes(app);
    // Not under /api, but a JSON route for other tools: held to the same rules.
    routes.push({ method: 'GET', path: '/jsons/roadmaps/{file}', pathParams: [{ name: 'file', schema: {} }], queryParams: [], body: null });
    return routes;
  } finally {
    await app.close();
  }
}

const ROUTES = await apiRoutes();

/** What a user would see break: a server error, or a refusal in some other shape than documented. */
function checkResponse(request: MalformedRequest, response: LightMyRequestResponse): void {
  const where = `${request.method} ${request.url.slice(0, 200)} → ${response.statusCode}`;
  expect(response.statusCode, `${where}: ${response.body.slice(0, 300)}`).toBeLessThan(500);
  expect(({} as Record<string, unknown>).polluted, 'Object.prototype was polluted').toBeUndefined();
  if (response.statusCode < 400 || request.method === 'HEAD') return;
  expect(response.headers['content-type'], where).toMatch(/^application\/json/);
  const body = JSON.parse(response.body) as { error?: { code?: string; message?: unknown } };
  expect(Object.keys(body), where).toEqual(['error']);
  expect(Object.keys(body.error ?? {}).sort(), where).toEqual(['code', 'message']);
  const code = body.error?.code ?? '';
  expect(Object.keys(ERRORS), `${where}: unknown code ${code}`).toContain(code);
  expect(typeof body.error?.message, where).toBe('string');
  expect(ERRORS[code as keyof typeof ERRORS].status, `${where}: code ${code} has another status`).toBe(response.statusCode);
}

describe.each(DIALECTS)('malformed requests on $name', ({ create }) => {
  let testDb: TestDatabase;
  let db: Database;
  let app: FastifyInstance;
  let user: TestUser;
  /** Admin routes are tried as an administrator, so requests get past the guard to the schemas and handlers. */
  let admin: TestUser;

  beforeAll(async () => {
    testDb = await create();
    db = openDatabase(testDb.config);
    // The content folder is the sample's, so that a content reload (an admin route) keeps the same roadmaps.
    app = await buildApp(loadConfig({ DATABASE_URL: testDb.url, LOG_LEVEL: 'silent', CONTENT_DIR: sampleContentDir() }), { content, db });
    user = await createSignedInUser(db);
    admin = await createSignedInUser(db);
    await new UserRepository(db).update(admin.row.id, { is_admin: 1 });
    await createSignedInUser(db, { username: 'fuzz-public', publicProfile: true });
  });
  afterAll(async () => {
    await app?.close();
    await db?.destroy();
    await testDb?.drop();
  });

  it.each(ROUTES.map((route, index) => ({ route, index, name: `${route.method} ${route.path}` })))(
    '$name never answers 5xx and refuses in the documented shape',
    async ({ route, index }) => {
      const seed = SEED + index;
      const property = fc.asyncProperty(malformedRequest(route, KNOWN), async (request) => {
        const response = await app.inject(toInjectOptions(request, route.path.startsWith('/api/v1/admin/') ? admin : user));
        checkResponse(request, response);
        // A successful change may have ended the session, revoked the token or changed the account:
        // start the next request from a fresh user so every request is tried signed in.
        if (!['GET', 'HEAD'].includes(request.method) && response.statusCode < 300) user = await createSignedInUser(db);
      });
      try {
        await fc.assert(property, { seed, numRuns: RUNS_PER_ROUTE });
      } catch (error) {
        console.error(`fuzz failure on ${route.method} ${route.path}: seed ${seed} (rerun with FUZZ_SEED=${SEED})`);
        throw error;
      }
    },
    60_000,
  );
});
