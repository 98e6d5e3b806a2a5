import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/databases.js';
import { progressClient } from '../../../test/helpers/progress-client.js';
import { useSampleApp } from '../../../test/helpers/sample-app.js';
import { createSignedInUser } from '../../../test/helpers/signed-in-user.js';

describe.each(DIALECTS)('progress merge on $name', ({ create }) => {
  const env = useSampleApp(create);
  const { get, merge, activityOf, loggedSince, seed } = progressClient(env);

  it('merges per topic with the newer update winning, in both directions', async () => {
    const user = await createSignedInUser(env.db);
    await seed(user, [
      ['alpha', 'done', '2026-03-01T00:00:00.000Z'],
      ['beta', 'learning', '2026-01-01T00:00:00.000Z'],
      ['gamma-one', 'skipped', '2026-01-01T00:00:00.000Z'],
    ]);
    const seeded = await activityOf(user);
    expect(seeded).toHaveLength(3);
    const response = await merge(user, {
      alpha: { status: 'pending', updatedAt: '2026-02-01T00:00:00Z' },
      beta: { status: 'done', updatedAt: '2026-02-01T10:00:00+02:00' },
      'gamma-one': { status: 'skipped', updatedAt: '2026-01-05T00:00:00Z' },
      'old-alpha': { status: 'learning', updatedAt: '2026-02-15T00:00:00Z' },
      'alpha-two': { status: 'learning', updatedAt: '2999-01-01T00:00:00Z' },
      'not-a-topic': { status: 'done', updatedAt: '2026-02-01T00:00:00Z' },
      'removed-topic': { status: 'done', updatedAt: '2026-02-01T00:00:00Z' },
    });
    expect(response.statusCode).toBe(200);
    const doc = response.json();
    expect(doc.topics.alpha).toEqual({ status: 'done', updatedAt: '2026-03-01T00:00:00.000Z' });
    expect(doc.topics.beta).toEqual({ status: 'done', updatedAt: '2026-02-01T08:00:00.000Z' });
    // Newer but the same status: nothing a person would see changes, so nothing is written.
    expect(doc.topics['gamma-one']).toEqual({ status: 'skipped', updatedAt: '2026-01-01T00:00:00.000Z' });
    expect(doc.topics['alpha-two'].status).toBe('learning');
    expect(Date.parse(doc.topics['alpha-two'].updatedAt)).toBeLessThanOrEqual(Date.now());
    expect(Object.keys(doc.topics).sort()).toEqual(['alpha', 'alpha-two', 'beta', 'gamma-one']);
    expect(doc.counts).toEqual({ done: 2, learning: 1, skipped: 1, complete: 3, total: 7, percent: 42 });
    // The answer says how many topics the merge changed, for the page to tell the learner.
    const { merged, ...stored } = doc;
    expect(merged).toBe(2);
    expect(await get(user).then((r) => r.json())).toEqual(stored);

    // Only entries that changed the stored status are logged, at the time they were made.
    const logged = await loggedSince(user, seeded);
    expect(logged.map((r) => [r.topic_id, r.status, r.occurred_at])).toEqual([
      ['beta', 'done', '2026-02-01T08:00:00.000Z'],
      ['alpha-two', 'learning', doc.topics['alpha-two'].updatedAt],
    ]);
  });

  it('lets a newer guest entry replace a stored one and logs the change', async () => {
    const user = await createSignedInUser(env.db);
    await seed(user, [['alpha', 'done', '2026-01-01T00:00:00.000Z']]);
    const seeded = await activityOf(user);
    const doc = (await merge(user, { 'older-alpha': { status: 'learning', updatedAt: '2026-01-03T00:00:00Z' } })).json();
    expect(doc.topics.alpha).toEqual({ status: 'learning', updatedAt: '2026-01-03T00:00:00.000Z' });
    expect((await loggedSince(user, seeded)).map((r) => r.status)).toEqual(['learning']);
  });

  it('validates merge bodies', async () => {
    const user = await createSignedInUser(env.db);
    const entry = { status: 'done', updatedAt: '2026-01-01T00:00:00Z' };
    const bad = [
      { Alpha: entry },
      { ['a'.repeat(65)]: entry },
      { alpha: { status: 'done', updatedAt: 'yesterday' } },
      { alpha: { status: 'done' } },
      { alpha: { ...entry, note: 'x' } },
      Object.fromEntries(Array.from({ length: 2001 }, (_, i) => [`t-${i}`, entry])),
    ];
    for (const topics of bad) {
      const response = await merge(user, topics);
      expect(response.statusCode).toBe(400);
      expect(response.json().error.code).toBe('invalid_input');
    }
    const many = Object.fromEntries(Array.from({ length: 2000 }, (_, i) => [`topic-number-${String(i).padStart(50, '0')}`, entry]));
    expect((await merge(user, many)).statusCode).toBe(200);
    const huge = await merge(user, { alpha: { ...entry, padding: 'x'.repeat(300 * 1024) } });
    expect(huge.statusCode).toBe(413);
  });
});
