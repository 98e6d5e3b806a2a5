import type { Kysely } from 'kysely';

// What a fork was made from: the source's version, and the source's topic files as last taken
// (at the fork, then at each pull), so "what changed upstream since you forked" compares like
// with like even after the source moved on.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('user_roadmaps').addColumn('forked_from_version', 'integer').execute();
  await db.schema.alterTable('user_roadmaps').addColumn('upstream_files', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('user_roadmaps').dropColumn('upstream_files').execute();
  await db.schema.alterTable('user_roadmaps').dropColumn('forked_from_version').execute();
}
