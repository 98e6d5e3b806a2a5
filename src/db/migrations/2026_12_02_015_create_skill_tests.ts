import type { Kysely } from 'kysely';

// Skill tests: the questions drawn for one attempt (their answers stay on the server), when it
// expires, and its result once submitted. A guest's attempt has no user; an account's attempts
// are kept for comparison and go with the account.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('skill_tests')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('roadmap_id', 'text', (c) => c.notNull())
    .addColumn('roadmap_hash', 'text', (c) => c.notNull())
    .addColumn('question_ids', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('submitted_at', 'text')
    .addColumn('result', 'text')
    .execute();
  await db.schema.createIndex('skill_tests_user_created').on('skill_tests').columns(['user_id', 'created_at']).execute();
  await db.schema.createIndex('skill_tests_expires').on('skill_tests').column('expires_at').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('skill_tests').execute();
}
