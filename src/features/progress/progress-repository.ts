/** All SQL about the progress table: the latest status of each topic a user has touched. */
import type { Insertable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { ProgressTable } from '../../db/schema.js';
import type { StoredProgress } from './progress-document.js';

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

  /** Inserts rows, or replaces status and time of rows already stored for the same topic. */
  async upsert(rows: ProgressRow[]): Promise<void> {
    for (let i = 0; i < rows.length; i += CHUNK_ROWS) {
      await this.db
        .insertInto('progress')
        .values(rows.slice(i, i + CHUNK_ROWS))
        .onConflict((oc) =>
          oc.columns(['user_id', 'roadmap_id', 'topic_id']).doUpdateSet((eb) => ({
            status: eb.ref('excluded.status'),
            updated_at: eb.ref('excluded.updated_at'),
          })),
        )
        .execute();
    }
  }

  async deleteForRoadmap(userId: string, roadmapId: string): Promise<void> {
    await this.db.deleteFrom('progress').where('user_id', '=', userId).where('roadmap_id', '=', roadmapId).execute();
  }
}
