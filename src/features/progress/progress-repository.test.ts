import { describe, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/helpers/databases.js';
import { useDatabase } from '../../../test/helpers/test-app.js';

import { MIGRATIONS } from '../../db/migrate.js';
import { UserRepository } from '../auth/user-repository.js';
import { ProgressRepository } from './progress-repository.js';

describe.each(DIALECTS)('progress rows and their activity log on $name', ({ create }) => {
  const env = useDatabase(create, { migrated: true });

  async function learner() {
    const user = await new UserRepository(env.db).insert({ email: `repo-${Math.random()}@example.org`, passwordHash: 'x' });
    const progress = new ProgressRepository(env.db);
    const write = (topic: string, status: string, at: string) =>
      progress.upsert([{ user_id: user.id, roadmap_id: 'backend', topic_id: topic, status, updated_at: at }]);
    const log = () =>
      env.db
        .selectFrom('activity')
        .select(['id', 'topic_id', 'status', 'occurred_at'])
        .where('user_id', '=', user.id)
        .orderBy('occurred_at')
        .execute();
    return { user, progress, write, log };
  }

  it('logs every change of status, at the time it carries, and nothing else', async () => {
    const { write, log } = await learner();
    await write('http', 'pending', '2026-01-01T00:00:00.000Z');
    expect(await log()).toEqual([]);
    await write('http', 'learning', '2026-01-02T00:00:00.000Z');
    await write('http', 'learning', '2026-01-03T00:00:00.000Z');
    await write('dns', 'done', '2026-01-04T00:00:00.000Z');
    await write('http', 'done', '2026-01-05T00:00:00.000Z');
    await write('http', 'pending', '2026-01-06T00:00:00.000Z');
    const rows = await log();
    expect(rows.map((r) => [r.topic_id, r.status, r.occurred_at])).toEqual([
      ['http', 'learning', '2026-01-02T00:00:00.000Z'],
      ['dns', 'done', '2026-01-04T00:00:00.000Z'],
      ['http', 'done', '2026-01-05T00:00:00.000Z'],
      ['http', 'pending', '2026-01-06T00:00:00.000Z'],
    ]);
    for (const row of rows) expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(new Set(rows.map((r) => r.id)).size).toBe(rows.length);
  });

  it('never lets an older write replace a newer one, and logs nothing for it', async () => {
    const { user, progress, write, log } = await learner();
    await write('http', 'done', '2026-02-01T00:00:00.000Z');
    await write('http', 'learning', '2026-01-01T00:00:00.000Z');
    expect(await progress.listForRoadmap(user.id, 'backend')).toEqual([{ topic_id: 'http', status: 'done', updated_at: '2026-02-01T00:00:00.000Z' }]);
    expect(await log()).toHaveLength(1);
  });

  it('writes many rows in one call, each logged', async () => {
    const { user, progress, log } = await learner();
    const rows = Array.from({ length: 1200 }, (_, i) => ({
      user_id: user.id,
      roadmap_id: 'backend',
      topic_id: `topic-${i}`,
      status: 'done',
      updated_at: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
    }));
    await progress.upsert(rows);
    expect(await progress.listForRoadmap(user.id, 'backend')).toHaveLength(1200);
    expect(await log()).toHaveLength(1200);
  });

  it('removes the log triggers when migrated down, and puts them back', async () => {
    const migration = MIGRATIONS['2026_11_21_008_log_progress_changes'];
    expect(migration?.down).toBeDefined();
    await migration?.down?.(env.db);
    const { write, log } = await learner();
    await write('http', 'done', '2026-01-01T00:00:00.000Z');
    expect(await log()).toEqual([]);
    await migration?.up(env.db);
    await write('http', 'learning', '2026-01-02T00:00:00.000Z');
    expect(await log()).toHaveLength(1);
  });
});
