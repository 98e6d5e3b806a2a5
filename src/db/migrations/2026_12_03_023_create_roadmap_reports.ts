import type { Kysely } from 'kysely';

// Reports of public and unlisted user roadmaps, for the admins' moderation queue. A report stays
// with its roadmap (and goes with it); a reporter who deletes their account leaves the report
// without a name. Resolving one (unlist, remove, dismiss) resolves every open report of the roadmap.
// A roadmap an administrator unlisted keeps the time, and its owner cannot make it public again.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('user_roadmaps').addColumn('moderated_at', 'text').execute();
  await db.schema
    .createTable('roadmap_reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('roadmap_id', 'text', (c) => c.notNull().references('user_roadmaps.id').onDelete('cascade'))
    .addColumn('reporter_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('details', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('open'))
    .addColumn('resolved_at', 'text')
    .addColumn('resolved_by', 'text')
    .addColumn('resolution_note', 'text', (c) => c.notNull().defaultTo(''))
    .execute();
  await db.schema.createIndex('roadmap_reports_status').on('roadmap_reports').columns(['status', 'created_at']).execute();
  await db.schema.createIndex('roadmap_reports_roadmap').on('roadmap_reports').columns(['roadmap_id', 'status']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('roadmap_reports').execute();
  await db.schema.alterTable('user_roadmaps').dropColumn('moderated_at').execute();
}
