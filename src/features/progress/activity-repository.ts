/** All SQL about the activity log: one row per status change, never rewritten. */
import { randomUUID } from 'node:crypto';
import { sql, type Insertable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ActivityTable } from '../../db/schema.js';

export type NewActivity = Omit<Insertable<ActivityTable>, 'id'>;

/** How many changes happened in one UTC minute, `YYYY-MM-DDTHH:MM`. */
export interface MinuteCount {
  minute: string;
  count: number;
}

const CHUNK_ROWS = 500;
// Every zone offset is a whole number of minutes, so minute buckets map exactly onto local days
// while keeping a busy log small. The literal is written out so both dialects group by the same text.
const MINUTE = sql<string>`substr(occurred_at, 1, 16)`;

export class ActivityRepository {
  /** `db` may be a transaction, so that a status change and its log entry commit together. */
  constructor(private readonly db: Database) {}

  async insert(rows: NewActivity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
      const chunk = rows.slice(i, i + CHUNK_ROWS).map((row) => ({ id: randomUUID(), ...row }));
      await this.db.insertInto('activity').values(chunk).execute();
    }
  }

  /** Changes per UTC minute, for `since <= occurred_at < until` when given (ISO strings compare in time order). */
  async minuteCounts(userId: string, range: { since?: string; until?: string } = {}): Promise<MinuteCount[]> {
    let query = this.db
      .selectFrom('activity')
      .select((eb) => [MINUTE.as('minute'), eb.fn.countAll<number | string>().as('count')])
      .where('user_id', '=', userId);
    if (range.since) query = query.where('occurred_at', '>=', range.since);
    if (range.until) query = query.where('occurred_at', '<', range.until);
    const rows = await query.groupBy(MINUTE).execute();
    // PostgreSQL returns count(*) as a bigint string.
    return rows.map((row) => ({ minute: row.minute, count: Number(row.count) }));
  }
}
