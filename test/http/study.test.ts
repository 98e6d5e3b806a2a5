/**
 * The study API over HTTP, on both databases, with the app's clock under the test's control: the
 * stateless planner, saved plans and their pace, the calendar and its secret feed, "what next",
 * private notes (size limit, newer-wins merge, search, sanitised HTML, privacy) and resource checks.
 */
import type { FastifyInstance } from 'fastify';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/database.js';
import { removeDir, writeSampleContent } from '../helpers/content-fixture.js';
import { DIALECTS, type TestDatabase } from '../helpers/databases.js';
import { expectError } from '../helpers/accounts.js';
import { createSignedInUser, type TestUser } from '../helpers/signed-in-user.js';
import { buildTestApp } from '../helpers/test-app.js';

const NOW = Date.parse('2026-12-16T12:00:00.000Z');
const SETTINGS = { hoursPerWeek: 5, startDate: '2026-12-07' };

/** The sample roadmap at 5 h a week from Monday 7 December 2026, worked out by hand. */
const WEEKS = [
  {
    start: '2026-12-07',
    end: '2026-12-13',
    hours: 5,
    items: [
      { topicId: 'alpha', hours: 3 },
      { topicId: 'alpha-one', hours: 2 },
    ],
  },
  {
    start: '2026-12-14',
    end: '2026-12-20',
    hours: 5,
    items: [
      { topicId: 'alpha-two', hours: 2 },
      { topicId: 'alpha-three-with-a-really-long-title-that-must-wrap', hours: 2 },
      { topicId: 'beta', hours: 1, part: 1, parts: 2 },
    ],
  },
  {
    start: '2026-12-21',
    end: '2026-12-27',
    hours: 5,
    items: [
      { topicId: 'beta', hours: 3.5, part: 2, parts: 2 },
      { topicId: 'gamma', hours: 1.5, part: 1, parts: 3 },
    ],
  },
  { start: '2026-12-28', end: '2027-01-03', hours: 5, items: [{ topicId: 'gamma', hours: 5, part: 2, parts: 3 }] },
  {
    start: '2027-01-04',
    end: '2027-01-10',
    hours: 5,
    items: [
      { topicId: 'gamma', hours: 3.5, part: 3, parts: 3 },
      { topicId: 'gamma-one', hours: 1.5, part: 1, parts: 2 },
    ],
  },
  { start: '2027-01-11', end: '2027-01-17', hours: 0.5, items: [{ topicId: 'gamma-one', hours: 0.5, part: 2, parts: 2 }] },
];

describe.each(DIALECTS)('study plans, notes and resource checks on $name', ({ create }) => {
  let testDb: TestDatabase;
  let app: FastifyInstance;
  let db: Database;
  let contentDir: string;
  let now = NOW;
  let learner: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    contentDir = writeSampleContent();
    testDb = await create();
    app = await buildTestApp({ db: testDb, contentDir, deps: { clock: () => new Date(now) } });
    db = openDatabase(testDb.config);
    learner = await createSignedInUser(db, { timeZone: 'Europe/Berlin' });
    other = await createSignedInUser(db);
  });
  afterAll(async () => {
    await app.close();
    await db.destroy();
    await testDb.drop();
    removeDir(contentDir);
  });

  const put = (url: string, payload: unknown, headers: Record<string, string>) =>
    app.inject({ method: 'PUT', url, payload: payload as object, headers });
  const setStatus = (user: TestUser, topicId: string, status: string) => put(`/api/v1/me/progress/sample/topics/${topicId}`, { status }, user.bearer);

  it('plans a guest’s weeks statelessly: prerequisites first, big topics split, finish on the last study day', async () => {
    const response = await app.inject({ method: 'POST', url: '/api/v1/roadmaps/sample/plan', payload: SETTINGS });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      startDate: '2026-12-07',
      hoursPerWeek: 5,
      studyDays: ['mon', 'tue', 'wed', 'thu', 'fri'],
      weeks: WEEKS,
      finish: '2027-01-11',
      totalHours: 25.5,
    });
    // Done topics are left out, and a target in months sets the pace.
    const quick = (
      await app.inject({ method: 'POST', url: '/api/v1/roadmaps/sample/plan', payload: { months: 1, startDate: '2026-12-07', done: ['gamma'] } })
    ).json();
    expect(quick.hoursPerWeek).toBe(4);
    expect(quick.totalHours).toBe(15.5);
    expect(quick.weeks.flatMap((w: { items: { topicId: string }[] }) => w.items.map((i) => i.topicId))).not.toContain('gamma');
    // Leaving out the advanced level leaves out gamma and its subtopic.
    const basics = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/roadmaps/sample/plan',
        payload: { hoursPerWeek: 20, startDate: '2026-12-07', exclude: { levels: ['advanced'] } },
      })
    ).json();
    expect(basics.totalHours).toBe(13.5);
    expect(basics.weeks).toHaveLength(1);
  });

  it('gives a guest the plan kept in the browser as an .ics file, in the guest’s time zone', async () => {
    const calendar = (payload: unknown) =>
      app.inject({ method: 'POST', url: '/api/v1/roadmaps/sample/plan/calendar.ics', payload: payload as object });
    const response = await calendar({ settings: { ...SETTINGS, sessionTime: '07:30' }, timeZone: 'America/New_York', id: 'abcdefgh12' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toBe('attachment; filename="sample-plan.ics"');
    const events = new ICAL.Component(ICAL.parse(response.body)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events).toHaveLength(26);
    expect(events[0]!.uid).toBe('guest-abcdefgh12-sample-2026-12-07@localhost');
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-12-07T12:30:00.000Z');
    expect(events[0]!.summary).toBe('Study: Alpha and 1 more');
    const unknownZone = await calendar({ settings: SETTINGS, timeZone: 'Mars/Olympus', id: 'abcdefgh12' });
    expectError(unknownZone, 400, 'invalid_input');
    expect(unknownZone.json().error.message).toBe('"Mars/Olympus" is not a time zone this server knows.');
    expectError(
      await calendar({ settings: { hoursPerWeek: 1, startDate: '2026-12-07', months: 2 }, timeZone: 'UTC', id: 'abcdefgh12' }),
      422,
      'invalid_plan',
    );
  });

  it('refuses settings it cannot plan with a clear 4xx, and a plan that cannot fit', async () => {
    const plan = (payload: unknown) => app.inject({ method: 'POST', url: '/api/v1/roadmaps/sample/plan', payload: payload as object });
    expectError(await plan({ hoursPerWeek: 0, startDate: '2026-12-07' }), 400, 'invalid_input');
    expectError(await plan({ hoursPerWeek: 81, startDate: '2026-12-07' }), 400, 'invalid_input');
    const badDate = await plan({ hoursPerWeek: 5, startDate: '2026-02-30' });
    expectError(badDate, 422, 'invalid_plan');
    expect(badDate.json().error.message).toBe('The start date must be a real date written YYYY-MM-DD.');
    const unknown = await plan({ hoursPerWeek: 5, startDate: '2026-12-07', done: ['no-such-topic'] });
    expectError(unknown, 422, 'invalid_plan');
    expect(unknown.json().error.message).toBe('This roadmap has no topic "no-such-topic".');
    expectError(await plan({ hoursPerWeek: 5, months: 3, startDate: '2026-12-07' }), 422, 'invalid_plan');
    const slow = await plan({ hoursPerWeek: 1, startDate: '2026-12-07', studyDays: ['sat'] });
    expect(slow.statusCode).toBe(200);
    expect(slow.json().weeks).toHaveLength(26);
    expectError(await app.inject({ method: 'POST', url: '/api/v1/roadmaps/nope/plan', payload: SETTINGS }), 404, 'not_found');
  });

  it('saves an account’s plan, reports its pace, and re-plans only when the settings are newer', async () => {
    expectError(await app.inject({ url: '/api/v1/me/plans/sample', headers: learner.bearer }), 404, 'not_found');
    expectError(await app.inject({ url: '/api/v1/me/plans/sample' }), 401, 'unauthenticated');
    now = NOW;
    const saved = await put('/api/v1/me/plans/sample', { settings: SETTINGS }, learner.bearer);
    expect(saved.statusCode).toBe(200);
    // Wednesday 16 December: the plan expected week 1 (5 h) and Monday and Tuesday of week 2 (2 h).
    expect(saved.json()).toMatchObject({
      settings: SETTINGS,
      updatedAt: '2026-12-16T12:00:00.000Z',
      plan: { finish: '2027-01-11', totalHours: 25.5 },
      pace: { state: 'behind', expectedHours: 7, doneHours: 0, behindHours: 7, label: '7 h behind' },
      feed: { active: false, createdAt: null },
    });
    await setStatus(learner, 'alpha', 'done');
    await setStatus(learner, 'alpha-one', 'skipped');
    await setStatus(learner, 'alpha-two', 'done');
    const pace = (await app.inject({ url: '/api/v1/me/plans/sample', headers: learner.session })).json().pace;
    expect(pace).toEqual({ state: 'on-track', expectedHours: 7, doneHours: 7, behindHours: 0, label: 'on track' });
    // A browser copy older than the stored one is not applied; a newer one is.
    const older = await put(
      '/api/v1/me/plans/sample',
      { settings: { ...SETTINGS, hoursPerWeek: 10 }, updatedAt: '2026-12-01T00:00:00.000Z' },
      learner.bearer,
    );
    expect(older.json().settings.hoursPerWeek).toBe(5);
    const newer = await put(
      '/api/v1/me/plans/sample',
      { settings: { ...SETTINGS, hoursPerWeek: 10 }, updatedAt: '2026-12-16T12:00:01.000Z' },
      learner.bearer,
    );
    expect(newer.json().settings.hoursPerWeek).toBe(10);
    expectError(await put('/api/v1/me/plans/sample', { settings: { startDate: '2026-12-07' } }, learner.bearer), 422, 'invalid_plan');
    await put('/api/v1/me/plans/sample', { settings: SETTINGS, updatedAt: '2026-12-16T12:00:02.000Z' }, learner.bearer);
  });

  it('suggests what to study next, this week’s planned topics first, with their reasons', async () => {
    const next = await app.inject({ url: '/api/v1/me/next/sample', headers: learner.bearer });
    expect(next.json()).toEqual({
      suggestions: [
        { topicId: 'alpha-three-with-a-really-long-title-that-must-wrap', reason: 'This week in your plan' },
        { topicId: 'beta', reason: 'This week in your plan' },
        { topicId: 'gamma', reason: 'It has no prerequisites' },
      ],
    });
    const fresh = (await app.inject({ url: '/api/v1/me/next/sample', headers: other.bearer })).json();
    expect(fresh.suggestions.map((s: { topicId: string }) => s.topicId)).toEqual([
      'alpha',
      'alpha-three-with-a-really-long-title-that-must-wrap',
      'gamma',
    ]);
  });

  it('serves the plan as iCalendar, and a secret feed that rotates and revokes', async () => {
    const ics = await app.inject({ url: '/api/v1/me/plans/sample/calendar.ics', headers: learner.bearer });
    expect(ics.statusCode).toBe(200);
    expect(ics.headers['content-type']).toBe('text/calendar; charset=utf-8');
    const events = new ICAL.Component(ICAL.parse(ics.body)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    // 25.5 h at 1 h a session: 26 sessions, the last one half an hour.
    expect(events).toHaveLength(26);
    expect(events[0]!.startDate.toString()).toBe('2026-12-07T19:00:00');
    expect(events[0]!.startDate.toJSDate().toISOString()).toBe('2026-12-07T18:00:00.000Z');
    expect(events.at(-1)!.startDate.toString()).toBe('2027-01-11T19:00:00');
    expect(events.at(-1)!.duration.toSeconds()).toBe(1800);

    expectError(await app.inject({ method: 'POST', url: '/api/v1/me/plans/sample/feed', headers: other.bearer }), 404, 'not_found');
    const first = (await app.inject({ method: 'POST', url: '/api/v1/me/plans/sample/feed', headers: learner.bearer })).json().url as string;
    expect(first).toMatch(/^http:\/\/localhost:3000\/feeds\/plans\/cal_[A-Za-z0-9_-]{43}\.ics$/);
    const path = new URL(first).pathname;
    const feed = await app.inject({ url: path });
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toBe(ics.body);
    expect((await app.inject({ url: '/api/v1/me/plans/sample', headers: learner.bearer })).json().feed.active).toBe(true);
    // The feed follows the plan.
    await put('/api/v1/me/plans/sample', { settings: { ...SETTINGS, hoursPerWeek: 10 }, updatedAt: '2026-12-16T12:00:03.000Z' }, learner.bearer);
    const changed = new ICAL.Component(ICAL.parse((await app.inject({ url: path })).body)).getAllSubcomponents('vevent');
    // 25.5 h at 2 h a session: 13 sessions.
    expect(changed).toHaveLength(13);
    expect(new ICAL.Event(changed[0]!).duration.toSeconds()).toBe(7200);
    // Rotated: the old address is a 404; revoked: the new one too.
    const second = (await app.inject({ method: 'POST', url: '/api/v1/me/plans/sample/feed', headers: learner.bearer })).json().url as string;
    expect(second).not.toBe(first);
    expect((await app.inject({ url: path })).statusCode).toBe(404);
    expect((await app.inject({ url: new URL(second).pathname })).statusCode).toBe(200);
    expect((await app.inject({ method: 'DELETE', url: '/api/v1/me/plans/sample/feed', headers: learner.bearer })).statusCode).toBe(204);
    expect((await app.inject({ url: new URL(second).pathname })).statusCode).toBe(404);
    // Anything else at a feed address is the site's 404 page, never a server error.
    for (const file of [
      'cal_not-a-real-token.ics',
      `${'cal_'.padEnd(47, 'A')}.ics`,
      '..%2F..%2Fpackage.json',
      'cal_%00.ics',
      'x'.repeat(190),
      '%ZZ',
    ]) {
      expect((await app.inject({ url: `/feeds/plans/${file}` })).statusCode, file).toBe(404);
    }
  });

  it('keeps private notes: sanitised HTML, the size limit, newer wins, search, and nobody else sees them', async () => {
    const url = '/api/v1/me/notes/sample/beta';
    expect((await app.inject({ url, headers: learner.bearer })).json()).toEqual({
      roadmapId: 'sample',
      topicId: 'beta',
      markdown: '',
      html: '',
      updatedAt: null,
    });
    now = NOW + 60_000;
    const hostile = '# My beta note\n\n<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>';
    const saved = (await put(url, { markdown: hostile }, learner.session)).json();
    expect(saved).toMatchObject({ markdown: hostile, updatedAt: '2026-12-16T12:01:00.000Z', stored: true });
    expect(saved.html).toBe(
      '<h3>My beta note</h3>\n<p>&lt;script&gt;alert(1)&lt;/script&gt; [x](javascript:alert(1)) &lt;img src=x onerror=alert(1)&gt;</p>\n',
    );
    // An older browser copy loses; a retired id finds the current topic.
    const stale = (await put(url, { markdown: 'stale copy', updatedAt: '2026-12-16T11:00:00.000Z' }, learner.bearer)).json();
    expect(stale).toMatchObject({ markdown: hostile, stored: false });
    now = NOW + 120_000;
    await put('/api/v1/me/notes/sample/old-alpha', { markdown: 'Alpha: remember the **handshake**.' }, learner.bearer);
    expect((await app.inject({ url: '/api/v1/me/notes/sample/alpha', headers: learner.bearer })).json().markdown).toBe(
      'Alpha: remember the **handshake**.',
    );

    const tooBig = await put(url, { markdown: 'é'.repeat(10_241) }, learner.bearer);
    expectError(tooBig, 413, 'note_too_large');
    expect(tooBig.json().error.message).toBe('This note is 21 KB; a note may hold at most 20 KB. Shorten it to save it.');
    expect((await put(url, { markdown: 'é'.repeat(10_240) }, learner.bearer)).statusCode).toBe(200);
    now = NOW + 180_000;
    await put(url, { markdown: hostile }, learner.bearer);
    expectError(await put('/api/v1/me/notes/sample/no-such-topic', { markdown: 'x' }, learner.bearer), 404, 'not_found');

    const list = (await app.inject({ url: '/api/v1/me/notes', headers: learner.bearer })).json().notes;
    expect(list.map((n: { topicId: string }) => n.topicId)).toEqual(['beta', 'alpha']);
    expect(list[1]).toEqual({
      roadmapId: 'sample',
      roadmapTitle: 'Sample Developer',
      topicId: 'alpha',
      topicTitle: 'Alpha',
      url: '/sample/alpha',
      excerpt: 'Alpha: remember the handshake.',
      updatedAt: '2026-12-16T12:02:00.000Z',
    });
    const found = (await app.inject({ url: '/api/v1/me/notes?q=HANDSHAKE', headers: learner.bearer })).json().notes;
    expect(found.map((n: { topicId: string }) => n.topicId)).toEqual(['alpha']);
    // Another account sees none of them.
    expect((await app.inject({ url: '/api/v1/me/notes', headers: other.bearer })).json().notes).toEqual([]);
    expect((await app.inject({ url, headers: other.bearer })).json().markdown).toBe('');
    // Saving an empty note deletes it; DELETE too.
    await put('/api/v1/me/notes/sample/alpha', { markdown: '  ' }, learner.bearer);
    expect((await app.inject({ url: '/api/v1/me/notes', headers: learner.bearer })).json().notes).toHaveLength(1);
    expect((await app.inject({ method: 'DELETE', url, headers: learner.bearer })).statusCode).toBe(204);
    expect((await app.inject({ url: '/api/v1/me/notes', headers: learner.bearer })).json().notes).toEqual([]);
    now = NOW + 240_000;
    await put(url, { markdown: 'Kept for the export.' }, learner.bearer);
  });

  it('checks resources off per topic, only the topic’s own resources', async () => {
    const url = '/api/v1/me/resources/sample/beta';
    const docs = 'https://example.org/beta/docs';
    const book = 'https://example.org/beta/book';
    const result = (await put(url, { checked: [book, docs] }, learner.bearer)).json();
    // Kept in the topic's own order.
    expect(result).toMatchObject({ topicId: 'beta', checked: [docs, book], stored: true });
    const foreign = await put(url, { checked: ['https://example.org/alpha/docs'] }, learner.bearer);
    expectError(foreign, 400, 'invalid_input');
    expect(foreign.json().error.message).toBe('"https://example.org/alpha/docs" is not a resource of the topic "beta".');
    expect((await app.inject({ url: '/api/v1/me/resources/sample', headers: learner.bearer })).json()).toEqual({
      topics: { beta: { checked: [docs, book], updatedAt: result.updatedAt } },
    });
    const stale = (await put(url, { checked: [], updatedAt: '2026-01-01T00:00:00.000Z' }, learner.bearer)).json();
    expect(stale).toMatchObject({ checked: [docs, book], stored: false });
    expect((await app.inject({ url: '/api/v1/me/resources/sample', headers: other.bearer })).json()).toEqual({ topics: {} });
  });

  it('puts notes, checks and plans in the account export', async () => {
    const data = (await app.inject({ url: '/api/v1/me/export', headers: learner.session })).json();
    expect(data.notes).toEqual([{ roadmapId: 'sample', topicId: 'beta', markdown: 'Kept for the export.', updatedAt: '2026-12-16T12:04:00.000Z' }]);
    expect(data.resourceChecks).toEqual([
      {
        roadmapId: 'sample',
        topicId: 'beta',
        checked: ['https://example.org/beta/docs', 'https://example.org/beta/book'],
        updatedAt: '2026-12-16T12:04:00.000Z',
      },
    ]);
    expect(data.plans).toHaveLength(1);
    expect(data.plans[0]).toMatchObject({ roadmapId: 'sample', settings: { ...SETTINGS, hoursPerWeek: 10 } });
  });
});
