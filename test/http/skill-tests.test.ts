/**
 * The skill test on the real Backend roadmap: drawn across sections and levels, graded once on
 * the server, with exact per-section scores; on SQLite and PostgreSQL.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContentOrThrow } from '../../src/content/roadmap-loader.js';
import { openDatabase } from '../../src/db/database.js';
import { bearer, browser, createApiToken, expectError, nextIp, signUp } from '../helpers/accounts.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { buildTestApp } from '../helpers/test-app.js';

const BACKEND = loadContentOrThrow('content').roadmaps.get('backend')!;

interface Started {
  testId: string;
  questions: { id: string; options: { id: string }[]; multiple: boolean }[];
}

/** The right options of a question, from the content itself; and one wrong choice. */
const rightOf = (id: string) => BACKEND.questions.get(id)!.correctOptionIds;
const wrongOf = (id: string) => [BACKEND.questions.get(id)!.options.find((o) => !rightOf(id).includes(o.id))!.id];

describe.each(DIALECTS)('skill tests on $name', ({ create }) => {
  let db: TestDatabase;
  let app: FastifyInstance;

  beforeAll(async () => {
    db = await create();
    app = await buildTestApp({ db, contentDir: 'content' });
  });
  afterAll(async () => {
    await app.close();
    await db.drop();
  });

  const start = async (headers: Record<string, string> = {}, remoteAddress = nextIp()) => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/roadmaps/backend/skill-tests', headers, remoteAddress });
    expect(response.statusCode, response.body).toBe(201);
    return response.json() as Started;
  };
  const submit = (testId: string, answers: Record<string, string[]>, headers: Record<string, string> = {}) =>
    app.inject({ method: 'POST', url: `/api/v1/skill-tests/${testId}/submit`, headers, payload: { answers } });

  it('draws 40 different questions covering every section and all three levels, without answers', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/roadmaps/backend/skill-tests', remoteAddress: nextIp() });
    expect(response.statusCode).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.body).not.toMatch(/"(correct|correctOptionIds|explanation|explanationHtml)":/);
    const test = response.json() as Started;
    expect(test.testId).toMatch(/^[A-Za-z0-9_-]{24}$/);
    expect(test.questions).toHaveLength(40);
    expect(new Set(test.questions.map((q) => q.id)).size).toBe(40);
    const sectionOf = (id: string) => BACKEND.topics.get(BACKEND.questions.get(id)!.topicId)!.sectionId;
    expect(new Set(test.questions.map((q) => sectionOf(q.id)))).toEqual(new Set(BACKEND.sections.map((s) => s.id)));
    expect(new Set(test.questions.map((q) => BACKEND.questions.get(q.id)!.level))).toEqual(new Set(['beginner', 'intermediate', 'advanced']));
  });

  it('grades on the server with exact numbers per section, topics to revisit, and only once', async () => {
    const test = await start();
    const ids = test.questions.map((q) => q.id);
    // 30 right, 9 wrong, 1 left unanswered.
    const answers = Object.fromEntries(ids.slice(0, 39).map((id, i) => [id, i < 30 ? rightOf(id) : wrongOf(id)]));
    const response = await submit(test.testId, answers);
    expect(response.statusCode, response.body).toBe(200);
    const result = response.json();
    expect(result.score).toEqual({ correct: 30, total: 40, percent: 75 });
    const expectedSections = BACKEND.sections
      .map((s) => {
        const mine = ids.filter((id) => BACKEND.topics.get(BACKEND.questions.get(id)!.topicId)!.sectionId === s.id);
        return { id: s.id, title: s.title, correct: mine.filter((id) => ids.indexOf(id) < 30).length, total: mine.length };
      })
      .filter((s) => s.total > 0);
    expect(result.sections).toEqual(expectedSections);
    const missedTopics = new Set(ids.slice(30).map((id) => BACKEND.questions.get(id)!.topicId));
    expect(result.revisit).toEqual(BACKEND.order.filter((id) => missedTopics.has(id)));
    expect(result.gaps).toEqual(expectedSections.filter((s) => s.correct / s.total < 0.5).map((s) => s.id));
    expect(result.strengths).toEqual(expectedSections.filter((s) => s.total >= 2 && s.correct / s.total >= 0.8).map((s) => s.id));
    expect(result.questions[39]).toMatchObject({ id: ids[39], correct: false, chosen: [], correctOptionIds: rightOf(ids[39]!) });

    expectError(await submit(test.testId, answers), 409, 'conflict');
  });

  it('refuses foreign questions and options, unknown and expired tests', async () => {
    const test = await start();
    const [first] = test.questions;
    const outside = [...BACKEND.questions.keys()].find((id) => !test.questions.some((q) => q.id === id))!;
    expectError(await submit(test.testId, { [outside]: ['a'] }), 400, 'invalid_input');
    expectError(
      await submit(test.testId, { [first!.id]: ['f', 'e'].filter((o) => !first!.options.some((x) => x.id === o)).slice(0, 1) }),
      400,
      'invalid_input',
    );
    expectError(await submit('A'.repeat(24), {}), 404, 'not_found');
    expectError(await submit('short', {}), 400, 'invalid_input');
    // Nothing was stored by the refused submissions: the test can still be submitted.
    expect((await submit(test.testId, {})).json().score).toEqual({ correct: 0, total: 40, percent: 0 });

    const late = await start();
    const handle = openDatabase(db.config);
    await handle.updateTable('skill_tests').set({ expires_at: '2000-01-01T00:00:00.000Z' }).where('id', '=', late.testId).execute();
    await handle.destroy();
    expectError(await submit(late.testId, {}), 410, 'gone');
  });

  it("keeps an account's attempts its own, and lists them for comparison", async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const test = await start(browser(owner.session));
    const answers = Object.fromEntries(test.questions.slice(0, 10).map((q) => [q.id, rightOf(q.id)]));
    expectError(await submit(test.testId, answers), 404, 'not_found');
    expectError(await submit(test.testId, answers, browser(other.session)), 404, 'not_found');
    const mine = await submit(test.testId, answers, browser(owner.session));
    expect(mine.json().score).toEqual({ correct: 10, total: 40, percent: 25 });

    const token = await createApiToken(app, owner.session);
    const history = await app.inject({ url: '/api/v1/me/skill-tests?roadmapId=backend', headers: bearer(token.token) });
    expect(history.statusCode).toBe(200);
    expect(history.json().results.map((r: { testId: string; score: unknown }) => [r.testId, r.score])).toEqual([
      [test.testId, { correct: 10, total: 40, percent: 25 }],
    ]);
    expect((await app.inject({ url: '/api/v1/me/skill-tests?roadmapId=backend', headers: browser(other.session) })).json().results).toEqual([]);
    expectError(await app.inject({ url: '/api/v1/me/skill-tests?roadmapId=backend' }), 401, 'unauthenticated');
    // The account's export holds its attempts too.
    const exported = (await app.inject({ url: '/api/v1/me/export', headers: browser(owner.session) })).json();
    expect(exported.skillTests).toEqual([
      expect.objectContaining({
        roadmapId: 'backend',
        result: expect.objectContaining({ testId: test.testId, score: { correct: 10, total: 40, percent: 25 } }),
      }),
    ]);
    // The ten answered questions became review cards, each reviewed once and right.
    expect(exported.reviewCards).toHaveLength(10);
    expect(exported.reviewLog.map((r: { correct: boolean; rating: number }) => [r.correct, r.rating])).toEqual(Array(10).fill([true, 3]));
  });

  it('shows a result on the public profile only once its owner shares it, and hides it again', async () => {
    const owner = await signUp(app);
    const other = await signUp(app);
    const headers = browser(owner.session);
    const username = `sharer-${Date.now().toString(36)}`;
    const patch = await app.inject({ method: 'PATCH', url: '/api/v1/me', headers, payload: { username, publicProfile: true } });
    expect(patch.statusCode, patch.body).toBe(200);
    const test = await start(headers);
    const answers = Object.fromEntries(test.questions.slice(0, 30).map((q) => [q.id, rightOf(q.id)]));
    expect((await submit(test.testId, answers, headers)).json().score).toEqual({ correct: 30, total: 40, percent: 75 });
    const profile = async () => (await app.inject({ url: `/api/v1/users/${username}` })).json();
    expect((await profile()).skillTests).toEqual([]);
    const share = (shared: boolean, as = headers, testId = test.testId) =>
      app.inject({ method: 'PUT', url: `/api/v1/me/skill-tests/${testId}/share`, headers: as, payload: { shared } });
    expect((await share(true)).json()).toEqual({ testId: test.testId, shared: true });
    expect((await profile()).skillTests).toEqual([
      { roadmapId: 'backend', title: 'Backend Developer', submittedAt: expect.any(String), score: { correct: 30, total: 40, percent: 75 } },
    ]);
    const page = await app.inject({ url: `/u/${username}` });
    expect(page.body).toMatch(/Backend Developer<\/a>: <strong>30 of 40 right \(75%\)<\/strong>/);
    // Nobody else can share it, an attempt not yet submitted cannot be shared, and a guest has nothing to share.
    expectError(await share(true, browser(other.session)), 404, 'not_found');
    const open = await start(headers);
    expectError(await share(true, headers, open.testId), 404, 'not_found');
    expectError(
      await app.inject({ method: 'PUT', url: `/api/v1/me/skill-tests/${test.testId}/share`, payload: { shared: true } }),
      401,
      'unauthenticated',
    );
    expectError(await share('yes' as unknown as boolean), 400, 'invalid_input');
    expect((await share(false)).statusCode).toBe(200);
    expect((await profile()).skillTests).toEqual([]);
    expect((await app.inject({ url: `/u/${username}` })).body).not.toContain('Skill tests');
  });

  it('limits how many tests one address starts in an hour', async () => {
    const ip = nextIp();
    for (let i = 0; i < 20; i++)
      expect((await app.inject({ method: 'POST', url: '/api/v1/roadmaps/backend/skill-tests', remoteAddress: ip })).statusCode).toBe(201);
    const refused = await app.inject({ method: 'POST', url: '/api/v1/roadmaps/backend/skill-tests', remoteAddress: ip });
    expectError(refused, 429, 'rate_limited');
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(3500);
  });

  it('serves the skill test page, linked from the roadmap page', async () => {
    const page = await app.inject({ url: '/backend/skill-test' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-island="skill-test"');
    expect((await app.inject({ url: '/backend' })).body).toContain('<a href="/backend/skill-test">Skill test</a>');
  });
});
