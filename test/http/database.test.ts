import { describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { pingDatabase } from '../../src/db/database.js';
import { LATEST_MIGRATION, MIGRATIONS, migrateToLatest } from '../../src/db/migrate.js';
import { DIALECTS } from '../helpers/databases.js';
import { buildTestApp, useDatabase } from '../helpers/test-app.js';

describe.each(DIALECTS)('database on $name', ({ create }) => {
  const env = useDatabase(create);

  it('migrates to the latest version, twice without harm', async () => {
    await migrateToLatest(env.db);
    await migrateToLatest(env.db);
    const applied = await sql<{ name: string }>`select name from milepost_migrations order by name`.execute(env.db);
    expect(applied.rows.map((r) => r.name)).toEqual(Object.keys(MIGRATIONS).sort());
    const tables = (await env.db.introspection.getTables()).map((t) => t.name).sort();
    expect(tables).toEqual([
      'activity',
      'activity_buckets',
      'admin_audit',
      'api_tokens',
      'email_tokens',
      'job_leases',
      'milepost_migrations',
      'milepost_migrations_lock',
      'outbox',
      'progress',
      'resource_checks',
      'review_cards',
      'review_log',
      'roadmap_reports',
      'sessions',
      'skill_tests',
      'study_plans',
      'team_invites',
      'team_members',
      'team_roadmaps',
      'teams',
      'topic_notes',
      'user_roadmap_versions',
      'user_roadmaps',
      'users',
    ]);
  });

  it('answers readiness through the app', async () => {
    expect(await pingDatabase(env.db)).toBe(true);
    const app = await buildTestApp({ db: env.testDb });
    try {
      const response = await app.inject({ url: '/readyz' });
      expect(response.statusCode).toBe(200);
      expect(response.json()).toEqual({
        status: 'ready',
        checks: { database: 'up', schema: { applied: LATEST_MIGRATION, expected: LATEST_MIGRATION }, redis: 'off', mail: { pending: 0, failed: 0 } },
      });
    } finally {
      await app.close();
    }
    const result = await sql<{ one: number }>`select 1 as one`.execute(env.db);
    expect(Number(result.rows[0]?.one)).toBe(1);
  });
});
