/** Rows in every table, and a dialect-neutral snapshot of all tables to compare databases by. */
import { sql } from 'kysely';
import type { Database } from '../../../src/db/database.js';

export const DATA_TABLES = ['users', 'sessions', 'api_tokens', 'progress', 'activity', 'email_tokens', 'outbox', 'milepost_migrations'] as const;

const T = '2026-11-21T10:00:00.000Z';

/**
 * Inserts a few rows into each table; `users` u1 (admin) and u2 own the rest. Multi-row inserts
 * name every column: SQLite has no DEFAULT keyword, so Kysely would send NULL for a missing one.
 */
export async function insertSampleData(db: Database): Promise<void> {
  await db
    .insertInto('users')
    .values([
      {
        id: 'u1',
        email: 'ada@example.org',
        email_verified_at: T,
        password_hash: 'h1',
        name: 'Ada',
        username: null,
        time_zone: 'UTC',
        public_profile: 0,
        is_admin: 1,
        created_at: T,
        updated_at: T,
      },
      {
        id: 'u2',
        email: 'bob@example.org',
        email_verified_at: null,
        password_hash: 'h2',
        name: '',
        username: 'bob',
        time_zone: 'Europe/Paris',
        public_profile: 1,
        is_admin: 0,
        created_at: T,
        updated_at: T,
      },
    ])
    .execute();
  await db
    .insertInto('sessions')
    .values([
      { token_hash: 's1', user_id: 'u1', created_at: T, last_seen_at: T, expires_at: T, user_agent: 'Firefox' },
      { token_hash: 's2', user_id: 'u2', created_at: T, last_seen_at: T, expires_at: T, user_agent: '' },
    ])
    .execute();
  await db
    .insertInto('api_tokens')
    .values({ id: 't1', user_id: 'u1', name: 'ci', token_hash: 'th1', prefix: 'mp_ab', created_at: T, last_used_at: null })
    .execute();
  await db
    .insertInto('progress')
    .values([
      { user_id: 'u1', roadmap_id: 'backend', topic_id: 'http', status: 'done', updated_at: T },
      { user_id: 'u1', roadmap_id: 'backend', topic_id: 'sql', status: 'learning', updated_at: T },
      { user_id: 'u2', roadmap_id: 'backend', topic_id: 'http', status: 'skipped', updated_at: T },
    ])
    .execute();
  await db
    .insertInto('activity')
    .values([
      { id: 'a1', user_id: 'u1', roadmap_id: 'backend', topic_id: 'http', status: 'done', occurred_at: T },
      { id: 'a2', user_id: 'u1', roadmap_id: 'backend', topic_id: 'sql', status: 'learning', occurred_at: T },
    ])
    .execute();
  await db
    .insertInto('email_tokens')
    .values({ token_hash: 'e1', user_id: 'u2', purpose: 'verify', email: 'bob@example.org', created_at: T, expires_at: T })
    .execute();
  await db
    .insertInto('outbox')
    .values([
      { id: 'o1', to_address: 'bob@example.org', subject: 'Verify', body_text: 'Ünïcode body ✓\nline two', created_at: T },
      { id: 'o2', to_address: 'ada@example.org', subject: 'Hello', body_text: '', created_at: T },
    ])
    .execute();
}

/** Every row of every table, sorted, so two databases of the same dialect compare with toEqual. */
export async function snapshotTables(db: Database): Promise<Record<string, unknown[]>> {
  const snapshot: Record<string, unknown[]> = {};
  for (const table of DATA_TABLES) {
    const { rows } = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(db);
    snapshot[table] = rows.map((row) => JSON.stringify(row)).sort();
  }
  return snapshot;
}
