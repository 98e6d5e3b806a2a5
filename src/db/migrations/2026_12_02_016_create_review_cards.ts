import { sql, type Kysely } from 'kysely';

// Spaced-repetition review: one card per account and question, with its FSRS memory state and
// when it is next due, and a log of every review (the state before and the rating), so that
// scheduling can be re-tuned from real answers later.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('review_cards')
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('roadmap_id', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('topic_id', 'text', (c) => c.notNull())
    .addColumn('due', 'text', (c) => c.notNull())
    .addColumn('stability', 'double precision', (c) => c.notNull())
    .addColumn('difficulty', 'double precision', (c) => c.notNull())
    .addColumn('scheduled_days', 'integer', (c) => c.notNull())
    .addColumn('learning_steps', 'integer', (c) => c.notNull())
    .addColumn('reps', 'integer', (c) => c.notNull())
    .addColumn('lapses', 'integer', (c) => c.notNull())
    .addColumn('state', 'integer', (c) => c.notNull())
    .addColumn('last_review', 'text')
    .addColumn('misses', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('review_cards_pk', ['user_id', 'roadmap_id', 'question_id'])
    .execute();
  await db.schema.createIndex('review_cards_user_due').on('review_cards').columns(['user_id', 'due']).execute();
  // Topics to revisit read only the cards with a wrong answer.
  await db.schema
    .createIndex('review_cards_user_missed')
    .on('review_cards')
    .columns(['user_id', 'roadmap_id', 'topic_id'])
    .where(sql.ref('misses'), '>', 0)
    .execute();
  await db.schema
    .createTable('review_log')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('roadmap_id', 'text', (c) => c.notNull())
    .addColumn('question_id', 'text', (c) => c.notNull())
    .addColumn('rating', 'integer', (c) => c.notNull())
    .addColumn('correct', 'integer', (c) => c.notNull())
    .addColumn('reviewed_at', 'text', (c) => c.notNull())
    .addColumn('card_before', 'text', (c) => c.notNull())
    .addColumn('due_after', 'text', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('review_log_card').on('review_log').columns(['user_id', 'roadmap_id', 'question_id', 'reviewed_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('review_log').execute();
  await db.schema.dropTable('review_cards').execute();
}
