import { sql, type Kysely } from 'kysely';
import { isPostgres } from '../database.js';

// The activity log is written by the database itself: every stored change of a topic's status
// adds one row, at the time the change carries, whatever code path made it. A status write is
// then a single statement, atomic without an explicit transaction. Setting a status to what it
// already was, or creating a topic's row as 'pending', logs nothing.
export async function up(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`
      create function progress_log_change() returns trigger language plpgsql as $$
      begin
        insert into activity (id, user_id, roadmap_id, topic_id, status, occurred_at)
        values (gen_random_uuid()::text, new.user_id, new.roadmap_id, new.topic_id, new.status, new.updated_at);
        return null;
      end
      $$`.execute(db);
    await sql`
      create trigger progress_log_insert after insert on progress
      for each row when (new.status <> 'pending') execute function progress_log_change()`.execute(db);
    await sql`
      create trigger progress_log_update after update of status on progress
      for each row when (new.status is distinct from old.status) execute function progress_log_change()`.execute(db);
    return;
  }
  // A version 4 UUID, like the ids the application makes.
  const uuid = sql.raw(`lower(hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-4' || substr(hex(randomblob(2)), 2) || '-' ||
    substr('89ab', 1 + (abs(random()) % 4), 1) || substr(hex(randomblob(2)), 2) || '-' || hex(randomblob(6)))`);
  const insert = sql`insert into activity (id, user_id, roadmap_id, topic_id, status, occurred_at)
    values (${uuid}, new.user_id, new.roadmap_id, new.topic_id, new.status, new.updated_at);`;
  await sql`create trigger progress_log_insert after insert on progress
    when new.status <> 'pending' begin ${insert} end`.execute(db);
  await sql`create trigger progress_log_update after update of status on progress
    when new.status is not old.status begin ${insert} end`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  if (isPostgres(db)) {
    await sql`drop trigger progress_log_insert on progress`.execute(db);
    await sql`drop trigger progress_log_update on progress`.execute(db);
    await sql`drop function progress_log_change()`.execute(db);
    return;
  }
  await sql`drop trigger progress_log_insert`.execute(db);
  await sql`drop trigger progress_log_update`.execute(db);
}
