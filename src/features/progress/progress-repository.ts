/** All SQL about the progress table: the latest status of each topic a user has touched. */
import { sql, type Insertable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ProgressTable } from '../../db/schema.js';

/** A stored status of one topic, as the database has it (ids as they were written, never rewritten). */
export interface StoredProgress {
  topic_id: string;
  status: string;
  updated_at: string;
}

export type ProgressRow = Insertable<ProgressTable>;

// Both dialects cap the bound parameters of one statement; 500 rows × 5 columns stays far below.
const CHUNK_ROWS = 500;

export class ProgressRepository {
  /** `db` may be a transaction, so that a service can group writes. */
  constructor(private readonly db: Database) {}

  listForRoadmap(userId: string, roadmapId: string): Promise<StoredProgress[]> {
    return this.db
      .selectFrom('progress')
      .select(['topic_id', 'status', 'updated_at'])
      .where('user_id', '=', userId)
      .where('roadmap_id', '=', roadmapId)
      .execute();
  }

  listForUser(userId: string): Promise<(StoredProgress & { roadmap_id: string })[]> {
    return this.db.selectFrom('progress').select(['roadmap_id', 'topic_id', 'status', 'updated_at']).where('user_id', '=', userId).execute();
  }

  /**
   * Inserts rows, or replaces status and time of rows already stored for the same topic (unless
   * stored later). Each statement is atomic, and the database logs each change of status in
   * the activity table (migration 008).
   */
  async upsert(rows: ProgressRow[]): Promise<void> {
    // Written as SQL, not built: this is the status write's one statement, and building it costs
    // more than running it (the same text on both dialects).
    for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
      const values = rows.slice(i, i + CHUNK_ROWS).map((r) => sql`(${r.user_id}, ${r.roadmap_id}, ${r.topic_id}, ${r.status}, ${r.updated_at})`);
      await sql`
        insert into progress (user_id, roadmap_id, topic_id, status, updated_at) values ${sql.join(values)}
        on conflict (user_id, roadmap_id, topic_id)
        do update set status = excluded.status, updated_at = excluded.updated_at
        where progress.updated_at <= excluded.updated_at`.execute(this.db);
    }
  }

  async deleteForRoadmap(userId: string, roadmapId: string): Promise<void> {
    await this.db.deleteFrom('progress').where('user_id', '=', userId).where('roadmap_id', '=', roadmapId).execute();
  }
}
