/** All SQL about the activity log: one row per status change, never rewritten. */
import { randomUUID } from 'node:crypto';
import type { Insertable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ActivityTable } from '../../db/schema.js';

export type NewActivity = Omit<Insertable<ActivityTable>, 'id'>;

/** How many changes happened in one UTC quarter-hour starting at `bucket`, `YYYY-MM-DDTHH:MM`. */
export interface BucketCount {
  bucket: string;
  count: number;
}

const CHUNK_ROWS = 500;

export class ActivityRepository {
  /** `db` may be a transaction, so that a status change and its log entry commit together. */
  constructor(private readonly db: Database) {}

  /** Logs changes; the database adds each to its quarter-hour in `activity_buckets` (migration 013). */
  async insert(rows: NewActivity[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
      const chunk = rows.slice(i, i + CHUNK_ROWS).map((row) => ({ id: randomUUID(), ...row }));
      await this.db.insertInto('activity').values(chunk).execute();
    }
  }

  /**
   * Changes per UTC quarter-hour, for `since <= bucket < until` when given (ISO strings compare in
   * time order). Reads the per-quarter-hour counts, never the log: a few rows per active hour.
   */
  async bucketCounts(userId: string, range: { since?: string; until?: string } = {}): Promise<BucketCount[]> {
    let query = this.db.selectFrom('activity_buckets').select(['bucket', 'count']).where('user_id', '=', userId);
    if (range.since) query = query.where('bucket', '>=', range.since.slice(0, 16));
    if (range.until) query = query.where('bucket', '<', range.until.slice(0, 16));
    const rows = await query.execute();
    return rows.map((row) => ({ bucket: row.bucket, count: Number(row.count) }));
  }
}
