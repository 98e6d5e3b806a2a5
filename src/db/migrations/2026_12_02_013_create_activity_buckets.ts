import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../database.js';

// Activity counted per user and quarter-hour (UTC), kept by the database on every activity row:
// heatmaps and streaks read these few rows, never the whole log. Quarter-hours fit every time
// zone's offset, so local days are exact.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('activity_buckets')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('bucket', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('activity_buckets_pk', ['user_id', 'bucket'])
    .execute();
  if (isPostgres(db)) {
    await sql`
      create function activity_count_bucket() returns trigger language plpgsql as $$
      begin
        insert into activity_buckets (user_id, bucket, count)
        values (new.user_id, substr(new.occurred_at, 1, 14) || lpad(((substr(new.occurred_at, 15, 2)::int / 15) * 15)::text, 2, '0'), 1)
        on conflict (user_id, bucket) do update set count = activity_buckets.count + 1;
        return null;
      end
      $$`.execute(db);
    await sql`create trigger activity_bucket_insert after insert on activity for each row execute function activity_count_bucket()`.execute(db);
    return;
  }
  await sql`create trigger activity_bucket_insert after insert on activity begin
    insert into activity_buckets (user_id, bucket, count)
    values (new.user_id, substr(new.occurred_at, 1, 14) || printf('%02d', (cast(substr(new.occurred_at, 15, 2) as integer) / 15) * 15), 1)
    on conflict (user_id, bucket) do update set count = count + 1;
  end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger activity_bucket_insert on activity`.execute(db);
    await sql`drop function activity_count_bucket()`.execute(db);
  } else {
    await sql`drop trigger activity_bucket_insert`.execute(db);
  }
  await db.schema.dropTable('activity_buckets').execute();
}
