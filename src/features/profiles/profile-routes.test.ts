import { beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/databases.js';
import { useSampleApp } from '../../../test/helpers/sample-app.js';
import { createSignedInUser, type TestUser } from '../../../test/helpers/signed-in-user.js';
import { ActivityRepository } from '../progress/activity-repository.js';
import { addDays, localDate } from '../../shared/calendar-date.js';

describe.each(DIALECTS)('public profiles on $name', ({ create }) => {
  const env = useSampleApp(create);
  let learner: TestUser;
  const today = () => localDate(new Date(), 'UTC');

  beforeAll(async () => {
    learner = await createSignedInUser(env.db, { username: 'ada', name: 'Ada Lovelace', publicProfile: true });
    await createSignedInUser(env.db, { username: 'hidden', name: 'Not Shown', publicProfile: false });
    for (const [topic, status] of [
      ['alpha', 'done'],
      ['beta', 'skipped'],
      ['gamma', 'learning'],
    ]) {
      await env.app.inject({ method: 'PUT', url: `/api/v1/me/progress/sample/topics/${topic}`, headers: learner.bearer, payload: { status } });
    }
    // The three PUTs above were logged today; add yesterday and a five-day run a month ago.
    const start = addDays(today(), -40);
    const instants = [addDays(today(), -1), ...[0, 1, 2, 3, 4].map((i) => addDays(start, i))].map((date) => `${date}T00:00:01.000Z`);
    await new ActivityRepository(env.db).insert(
      instants.map((occurred_at) => ({ user_id: learner.row.id, roadmap_id: 'sample', topic_id: 'beta', status: 'done', occurred_at })),
    );
  });

  it('serves a public profile with progress per roadmap, a year of activity and streaks', async () => {
    const response = await env.app.inject({ url: '/api/v1/users/ada' });
    expect(response.statusCode).toBe(200);
    const profile = response.json();
    expect(profile).toMatchObject({
      username: 'ada',
      name: 'Ada Lovelace',
      roadmaps: [{ roadmapId: 'sample', title: 'Sample Developer', done: 1, learning: 1, skipped: 1, total: 7 }],
      activity: { to: today(), from: addDays(today(), -364), currentStreak: 2, longestStreak: 5 },
    });
    expect(profile.activity.days.at(-1)).toEqual({ date: today(), count: 3 });
    expect(profile.activity.days).toHaveLength(7);
    expect(profile).not.toHaveProperty('email');
  });

  it('answers 404 for a private profile and for an unknown user alike', async () => {
    for (const name of ['hidden', 'nobody']) {
      const response = await env.app.inject({ url: `/api/v1/users/${name}` });
      expect(response.statusCode, name).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    expect((await env.app.inject({ url: '/api/v1/users/Not_Valid' })).json().error.code).toBe('invalid_input');
  });

  it('renders /u/<username> with progress bars, streaks and an SVG heatmap', async () => {
    const response = await env.app.inject({ url: '/u/ada' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/html; charset=utf-8');
    const html = response.body;
    expect(html).toContain('<h1>Ada Lovelace</h1>');
    expect(html).toContain('@ada');
    expect(html).toMatch(/<progress max="7" value="2" aria-label="Sample Developer: 2 of 7 done"/);
    expect(html).toMatch(/<strong>2 of 7 done<\/strong>/);
    expect(html).toMatch(/data-streak="current">Current streak: <strong>2 days<\/strong>/);
    expect(html).toMatch(/data-streak="longest">Longest streak: <strong>5 days<\/strong>/);
    const svg = html.slice(html.indexOf('<svg class="heatmap-svg"'), html.indexOf('</svg>', html.indexOf('<svg class="heatmap-svg"')));
    expect(svg).toContain('role="img"');
    expect(svg.match(/<rect /g)).toHaveLength(365);
    expect(svg.match(/data-level="[1-4]"/g)).toHaveLength(7);
    expect(svg).toMatch(/<title>3 status changes on [A-Z][a-z]{2}, [A-Z][a-z]{2} \d{1,2}, \d{4}<\/title>/);
    expect(svg).toContain('<title>No status changes on');
    expect(html).toContain('9 status changes on 7 days between');
    expect(html).toContain('Key, status changes per day:');
  });

  it('renders the page once per change: a repeat visit revalidates with its ETag, a new status shows at once', async () => {
    const first = await env.app.inject({ url: '/u/ada' });
    expect(first.headers['cache-control']).toBe('no-cache');
    const etag = String(first.headers.etag);
    expect((await env.app.inject({ url: '/u/ada', headers: { 'if-none-match': etag } })).statusCode).toBe(304);
    await env.app.inject({ method: 'PUT', url: '/api/v1/me/progress/sample/topics/alpha-one', headers: learner.bearer, payload: { status: 'done' } });
    const after = await env.app.inject({ url: '/u/ada', headers: { 'if-none-match': etag } });
    expect(after.statusCode).toBe(200);
    expect(after.body).toMatch(/<strong>3 of 7 done<\/strong>/);
    await env.app.inject({
      method: 'PUT',
      url: '/api/v1/me/progress/sample/topics/alpha-one',
      headers: learner.bearer,
      payload: { status: 'pending' },
    });
    expect((await env.app.inject({ url: '/u/ada' })).body).toMatch(/<strong>2 of 7 done<\/strong>/);
  });

  it('gives private, unknown and malformed profiles the site’s 404 page', async () => {
    for (const url of ['/u/hidden', '/u/nobody', '/u/Not_Valid']) {
      const response = await env.app.inject({ url });
      expect(response.statusCode, url).toBe(404);
      expect(response.headers['content-type']).toContain('text/html');
      expect(response.body).toContain('We could not find that page');
      expect(response.body).not.toContain('Not Shown');
    }
  });
});
