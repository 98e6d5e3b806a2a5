import type { Kysely } from 'kysely';

// What a learner keeps beside their progress: a study plan per roadmap (its settings, and the
// hash of the secret token of its calendar feed), a private note per topic, and the resources of
// a topic they have checked off. Each row carries the time it was last changed: merging a guest's
// browser copy keeps the newer one.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('study_plans')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('roadmap_id', 'text', (c) => c.notNull())
    .addColumn('settings', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addColumn('feed_token_hash', 'text', (c) => c.unique())
    .addColumn('feed_created_at', 'text')
    .addPrimaryKeyConstraint('study_plans_pk', ['user_id', 'roadmap_id'])
    .execute();
  await db.schema
    .createTable('topic_notes')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('roadmap_id', 'text', (c) => c.notNull())
    .addColumn('topic_id', 'text', (c) => c.notNull())
    .addColumn('markdown', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('topic_notes_pk', ['user_id', 'roadmap_id', 'topic_id'])
    .execute();
  await db.schema
    .createTable('resource_checks')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('roadmap_id', 'text', (c) => c.notNull())
    .addColumn('topic_id', 'text', (c) => c.notNull())
    .addColumn('checked', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('resource_checks_pk', ['user_id', 'roadmap_id', 'topic_id'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('resource_checks').execute();
  await db.schema.dropTable('topic_notes').execute();
  await db.schema.dropTable('study_plans').execute();
}
