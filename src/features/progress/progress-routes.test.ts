import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/databases.js';
import { useSampleApp } from '../../../test/helpers/sample-app.js';
import { createSignedInUser } from '../../../test/helpers/signed-in-user.js';
import { PROGRESS_BASE as BASE, progressClient } from '../../../test/helpers/progress-client.js';

describe.each(DIALECTS)('progress API on $name', ({ create }) => {
  const env = useSampleApp(create);
  const { put, get, activityOf, seed } = progressClient(env);

  it('answers 401 on every route without a signed-in user', async () => {
    const requests = [
      { method: 'GET', url: `${BASE}/sample` },
      { method: 'PUT', url: `${BASE}/sample/topics/alpha`, payload: { status: 'done' } },
      { method: 'POST', url: `${BASE}/sample/merge`, payload: { topics: {} } },
      { method: 'DELETE', url: `${BASE}/sample` },
      { method: 'GET', url: '/api/v1/me/activity' },
    ] as const;
    for (const request of requests) {
      const response = await env.app.inject(request);
      expect(response.statusCode, request.url).toBe(401);
      expect(response.json().error.code).toBe('unauthenticated');
    }
  });

  it('stores a status and reads it back with counts over current topics', async () => {
    const user = await createSignedInUser(env.db);
    const first = await put(user, 'alpha', 'done');
    expect(first.statusCode).toBe(200);
    expect(first.json()).toEqual({
      roadmapId: 'sample',
      topicId: 'alpha',
      status: 'done',
      updatedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      counts: { done: 1, learning: 0, skipped: 0, complete: 1, total: 7, percent: 14 },
    });
    await put(user, 'beta', 'learning');
    await put(user, 'gamma', 'skipped');
    expect((await put(user, 'gamma-one', 'pending')).json().counts).toEqual({ done: 1, learning: 1, skipped: 1, complete: 2, total: 7, percent: 28 });

    const doc = (await get(user)).json();
    expect(doc.roadmapId).toBe('sample');
    expect(doc.counts).toEqual({ done: 1, learning: 1, skipped: 1, complete: 2, total: 7, percent: 28 });
    expect(Object.keys(doc.topics).sort()).toEqual(['alpha', 'beta', 'gamma', 'gamma-one']);
    expect(doc.topics.alpha).toEqual({ status: 'done', updatedAt: first.json().updatedAt });
    // Progress on one roadmap leaves the others alone.
    expect((await get(user, 'other')).json()).toEqual({
      roadmapId: 'other',
      topics: {},
      counts: { done: 0, learning: 0, skipped: 0, complete: 0, total: 1, percent: 0 },
    });
  });

  it('writes one activity row per change of status, and none when the status stays', async () => {
    const user = await createSignedInUser(env.db);
    await put(user, 'alpha', 'learning');
    await put(user, 'alpha', 'learning');
    await put(user, 'alpha', 'done');
    await put(user, 'beta', 'pending');
    const rows = await activityOf(user);
    expect(rows.map((r) => [r.topic_id, r.status])).toEqual([
      ['alpha', 'learning'],
      ['alpha', 'done'],
    ]);
    expect(Date.now() - Date.parse(rows[1]?.occurred_at ?? '')).toBeLessThan(60_000);
  });

  it('applies a retired id to its successor, answers 410 for a removed topic and 404 for unknown roadmaps and topics', async () => {
    const user = await createSignedInUser(env.db);
    for (const old of ['old-alpha', 'older-alpha']) {
      const response = await put(user, old, 'done');
      expect(response.statusCode).toBe(200);
      expect(response.json()).toMatchObject({ topicId: 'alpha', counts: { done: 1 } });
    }
    for (const [roadmap, topic] of [
      ['sample', 'no-such-topic'],
      ['nowhere', 'alpha'],
    ]) {
      const response = await put(user, topic ?? '', 'done', roadmap);
      expect(response.statusCode, `${roadmap}/${topic}`).toBe(404);
      expect(response.json().error.code).toBe('not_found');
    }
    // A removed topic is gone, as its page and the public API say.
    const removed = await put(user, 'removed-topic', 'done');
    expect(removed.statusCode).toBe(410);
    expect(removed.json().error.code).toBe('gone');
    expect((await get(user, 'nowhere')).statusCode).toBe(404);
    expect((await put(user, 'Not_An_Id', 'done')).json().error.code).toBe('invalid_input');
    expect((await put(user, 'alpha', 'finished')).json().error.code).toBe('invalid_input');
  });

  it('shows stored retired ids under their successor and keeps removed ids without counting them', async () => {
    const user = await createSignedInUser(env.db);
    await seed(user, [
      ['old-alpha', 'done', '2026-01-02T00:00:00.000Z'],
      ['alpha', 'learning', '2026-01-01T00:00:00.000Z'],
      ['removed-topic', 'done', '2026-01-01T00:00:00.000Z'],
    ]);
    const doc = (await get(user)).json();
    expect(doc.topics).toEqual({
      alpha: { status: 'done', updatedAt: '2026-01-02T00:00:00.000Z' },
      'removed-topic': { status: 'done', updatedAt: '2026-01-01T00:00:00.000Z' },
    });
    expect(doc.counts).toEqual({ done: 1, learning: 0, skipped: 0, complete: 1, total: 7, percent: 14 });
  });

  it('resets one roadmap and keeps the activity log', async () => {
    const user = await createSignedInUser(env.db);
    await put(user, 'alpha', 'done');
    await put(user, 'solo', 'done', 'other');
    const reset = await env.app.inject({ method: 'DELETE', url: `${BASE}/sample`, headers: user.session });
    expect(reset.statusCode).toBe(204);
    expect(reset.body).toBe('');
    expect((await get(user)).json()).toEqual({
      roadmapId: 'sample',
      topics: {},
      counts: { done: 0, learning: 0, skipped: 0, complete: 0, total: 7, percent: 0 },
    });
    expect((await get(user, 'other')).json().counts.done).toBe(1);
    expect(await activityOf(user)).toHaveLength(2);
  });

  it('commits concurrent changes without losing any', async () => {
    const user = await createSignedInUser(env.db);
    const topics = ['alpha', 'alpha-one', 'alpha-two', 'beta', 'gamma', 'gamma-one'];
    const responses = await Promise.all(topics.map((topic, i) => put(user, topic, i % 2 ? 'learning' : 'done')));
    expect(responses.map((r) => r.statusCode)).toEqual(topics.map(() => 200));
    expect((await get(user)).json().counts).toEqual({ done: 3, learning: 3, skipped: 0, complete: 3, total: 7, percent: 42 });
    expect(await activityOf(user)).toHaveLength(6);
  });

  it('refuses a cookie-borne change from another site', async () => {
    const user = await createSignedInUser(env.db);
    const response = await env.app.inject({
      method: 'PUT',
      url: `${BASE}/sample/topics/alpha`,
      headers: { ...user.session, origin: 'https://evil.example' },
      payload: { status: 'done' },
    });
    expect(response.statusCode).toBe(403);
    expect((await get(user)).json().topics).toEqual({});
  });
});
