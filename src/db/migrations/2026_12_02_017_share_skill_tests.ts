import type { Kysely } from 'kysely';

// A skill-test result its owner chose to show on their public profile (off until they do).
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('skill_tests')
    .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('skill_tests').dropColumn('shared').execute();
}
