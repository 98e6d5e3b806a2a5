import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/databases.js';
import { useDatabase } from '../../../test/helpers/test-app.js';

import { UserRepository } from '../auth/user-repository.js';
import { ProgressRepository } from './progress-repository.js';
import { ProgressWriter } from './progress-writer.js';

describe.each(DIALECTS)('group commit of status writes on $name', ({ create }) => {
  const env = useDatabase(create, { migrated: true });

  const learner = () => new UserRepository(env.db).insert({ email: `writer-${Math.random()}@example.org`, passwordHash: 'x' });
  const row = (userId: string, topic: string, status: string, second: number) => ({
    user_id: userId,
    roadmap_id: 'backend',
    topic_id: topic,
    status,
    updated_at: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
  });
  const activity = (userId: string) =>
    env.db.selectFrom('activity').select(['topic_id', 'status']).where('user_id', '=', userId).orderBy('occurred_at').execute();

  it('commits a burst of writes in fewer statements than writes, every one stored and logged', async () => {
    const user = await learner();
    const writer = new ProgressWriter(env.db, 1);
    await Promise.all(Array.from({ length: 60 }, (_, i) => writer.write(row(user.id, `topic-${i}`, 'done', i))));
    expect(writer.stats.rows).toBe(60);
    expect(writer.stats.statements).toBeLessThan(60);
    expect(await new ProgressRepository(env.db).listForRoadmap(user.id, 'backend')).toHaveLength(60);
    expect(await activity(user.id)).toHaveLength(60);
  });

  it('answers a lone write at once', async () => {
    const user = await learner();
    const writer = new ProgressWriter(env.db, 2);
    await writer.write(row(user.id, 'http', 'learning', 1));
    expect(writer.stats).toEqual({ statements: 1, rows: 1 });
  });

  it('stores two writes of one topic in the order they came, logging both changes', async () => {
    const user = await learner();
    const writer = new ProgressWriter(env.db, 1);
    await Promise.all([writer.write(row(user.id, 'http', 'learning', 1)), writer.write(row(user.id, 'http', 'done', 2))]);
    expect(writer.stats.statements).toBe(2);
    expect(await new ProgressRepository(env.db).listForRoadmap(user.id, 'backend')).toEqual([
      { topic_id: 'http', status: 'done', updated_at: '2026-01-01T00:00:02.000Z' },
    ]);
    expect(await activity(user.id)).toEqual([
      { topic_id: 'http', status: 'learning' },
      { topic_id: 'http', status: 'done' },
    ]);
  });

  it('fails only the write that cannot be stored, not the others of its group', async () => {
    const user = await learner();
    const writer = new ProgressWriter(env.db, 1);
    const results = await Promise.allSettled([
      writer.write(row(user.id, 'http', 'done', 1)),
      writer.write(row('no-such-user', 'http', 'done', 1)),
      writer.write(row(user.id, 'dns', 'done', 1)),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(await new ProgressRepository(env.db).listForRoadmap(user.id, 'backend')).toHaveLength(2);
  });
});
