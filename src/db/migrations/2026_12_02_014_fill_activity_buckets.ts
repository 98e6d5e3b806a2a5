import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../database.js';

// Counts the activity logged before the buckets existed (the trigger counts everything after).
export async function up(db: Kysely<unknown>): Promise<void> {
  const bucket = isPostgres(db)
    ? sql`substr(occurred_at, 1, 14) || lpad(((substr(occurred_at, 15, 2)::int / 15) * 15)::text, 2, '0')`
    : sql`substr(occurred_at, 1, 14) || printf('%02d', (cast(substr(occurred_at, 15, 2) as integer) / 15) * 15)`;
  await sql`
    insert into activity_buckets (user_id, bucket, count)
    select user_id, ${bucket} as b, count(*) from activity group by user_id, b`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`delete from activity_buckets`.execute(db);
}
