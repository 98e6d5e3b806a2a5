import type { Kysely } from 'kysely';

// The version an autosaved draft was made from, so a draft left behind by a publish elsewhere is
// recognised as stale instead of overwriting newer work.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('user_roadmaps').addColumn('draft_base_version', 'integer').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('user_roadmaps').dropColumn('draft_base_version').execute();
}
