import type { Kysely } from 'kysely';

// Roadmaps written by users. The roadmap row holds who owns it, who may see it and the editor's
// autosaved draft; each published version's files are kept whole in user_roadmap_versions, so
// any version can be read back, restored or compared with its fork source.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('user_roadmaps')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('visibility', 'text', (c) => c.notNull().defaultTo('private'))
    .addColumn('forked_from_id', 'text')
    .addColumn('forked_from_hash', 'text')
    .addColumn('current_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('draft_files', 'text')
    .addColumn('draft_updated_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .execute();
  await db.schema.createIndex('user_roadmaps_owner').on('user_roadmaps').columns(['owner_id', 'updated_at']).execute();
  await db.schema.createIndex('user_roadmaps_visibility').on('user_roadmaps').columns(['visibility', 'deleted_at']).execute();
  await db.schema
    .createTable('user_roadmap_versions')
    .addColumn('roadmap_id', 'text', (c) => c.notNull().references('user_roadmaps.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull())
    .addColumn('files', 'text', (c) => c.notNull())
    .addColumn('note', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('user_roadmap_versions_pk', ['roadmap_id', 'version'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('user_roadmap_versions').execute();
  await db.schema.dropTable('user_roadmaps').execute();
}
