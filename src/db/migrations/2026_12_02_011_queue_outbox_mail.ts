import type { Kysely } from 'kysely';

// The outbox becomes the mail queue: requests only add a row, and a background sender delivers it
// (by SMTP, or to the log without SMTP), retrying with backoff. Rows that were kept before this
// migration count as delivered to the log. `expires_at` is when the mail's links stop working,
// after which the row is deleted.
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('outbox')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('kept'))
    .execute();
  await db.schema
    .alterTable('outbox')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('outbox').addColumn('next_attempt_at', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('claimed_at', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('last_error', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('sent_at', 'text').execute();
  await db.schema.alterTable('outbox').addColumn('expires_at', 'text').execute();
  await db.schema.createIndex('outbox_due').on('outbox').columns(['status', 'next_attempt_at']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('outbox_due').execute();
  for (const column of ['expires_at', 'sent_at', 'last_error', 'claimed_at', 'next_attempt_at', 'attempts', 'status']) {
    await db.schema.alterTable('outbox').dropColumn(column).execute();
  }
}
