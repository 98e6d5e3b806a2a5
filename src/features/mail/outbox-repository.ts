/** All SQL about the outbox, the queue of outgoing mail. */
import type { Insertable, Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { OutboxTable } from '../../db/schema.js';

export type OutboxRow = Selectable<OutboxTable>;

export class OutboxRepository {
  /** `db` may be a transaction, so that mail is queued only if the change it reports commits. */
  constructor(private readonly db: Database) {}

  async insert(row: Insertable<OutboxTable>): Promise<void> {
    await this.db.insertInto('outbox').values(row).execute();
  }

  /** Rows due for sending: pending and due, or claimed by a sender that never finished (before `staleBefore`). */
  due(now: Date, staleBefore: Date, limit: number): Promise<OutboxRow[]> {
    return this.db
      .selectFrom('outbox')
      .selectAll()
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now.toISOString())]),
          eb.and([eb('status', '=', 'sending'), eb('claimed_at', '<', staleBefore.toISOString())]),
        ]),
      )
      .orderBy('next_attempt_at')
      .limit(limit)
      .execute();
  }

  /** Takes a row for sending; false when another sender took it first (with several instances). */
  async claim(id: string, previousClaim: string | null, now: Date): Promise<boolean> {
    let query = this.db.updateTable('outbox').set({ status: 'sending', claimed_at: now.toISOString() }).where('id', '=', id);
    query = previousClaim === null ? query.where('status', '=', 'pending') : query.where('claimed_at', '=', previousClaim);
    const result = await query.executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Marks a row delivered. Mail sent by SMTP loses its text: its links must not outlive delivery here. */
  async delivered(id: string, status: 'sent' | 'kept', at: Date): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ status, sent_at: at.toISOString(), claimed_at: null, last_error: null, ...(status === 'sent' ? { body_text: '' } : {}) })
      .where('id', '=', id)
      .execute();
  }

  /** Puts a row back in the queue for `next` (or gives it up as failed when `next` is null). */
  async retryLater(id: string, attempts: number, next: Date | null, reason: string): Promise<void> {
    await this.db
      .updateTable('outbox')
      .set({ status: next ? 'pending' : 'failed', attempts, next_attempt_at: next?.toISOString() ?? null, claimed_at: null, last_error: reason })
      .where('id', '=', id)
      .execute();
  }

  async depth(): Promise<{ pending: number; failed: number }> {
    const rows = await this.db
      .selectFrom('outbox')
      .select((eb) => ['status', eb.fn.countAll<number | string>().as('n')])
      .where('status', 'in', ['pending', 'sending', 'failed'])
      .groupBy('status')
      .execute();
    const count = (status: string) => Number(rows.find((r) => r.status === status)?.n ?? 0);
    return { pending: count('pending') + count('sending'), failed: count('failed') };
  }

  /** Deletes mail whose links have expired (sent or not: it is of no use any more), and older mail without an expiry; returns how many. */
  async purgeExpired(now: Date, cutoff: Date): Promise<number> {
    const result = await this.db
      .deleteFrom('outbox')
      .where((eb) =>
        eb.or([eb('expires_at', '<=', now.toISOString()), eb.and([eb('expires_at', 'is', null), eb('created_at', '<', cutoff.toISOString())])]),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
