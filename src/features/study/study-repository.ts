/** Study plans, topic notes and resource checks of accounts. All their SQL; no HTTP and no rules in here. */
import type { Selectable } from 'kysely';
import type { Database } from '../../db/database.js';
import type { StudyPlansTable, TopicNotesTable } from '../../db/schema.js';

export type PlanRow = Selectable<StudyPlansTable>;
export type NoteRow = Selectable<TopicNotesTable>;

export interface ChecksRow {
  topic_id: string;
  checked: string;
  updated_at: string;
}

export class StudyRepository {
  constructor(private readonly db: Database) {}

  plan(userId: string, roadmapId: string): Promise<PlanRow | undefined> {
    return this.db.selectFrom('study_plans').selectAll().where('user_id', '=', userId).where('roadmap_id', '=', roadmapId).executeTakeFirst();
  }

  /** Stores the settings; with `onlyIfNewer`, only when the stored ones are older. True when they were stored. */
  async putPlan(userId: string, roadmapId: string, settings: string, updatedAt: string, onlyIfNewer: boolean): Promise<boolean> {
    const result = await this.db
      .insertInto('study_plans')
      .values({ user_id: userId, roadmap_id: roadmapId, settings, updated_at: updatedAt, feed_token_hash: null, feed_created_at: null })
      .onConflict((oc) => {
        const update = oc.columns(['user_id', 'roadmap_id']).doUpdateSet({ settings, updated_at: updatedAt });
        return onlyIfNewer ? update.where('study_plans.updated_at', '<', updatedAt) : update;
      })
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async deletePlan(userId: string, roadmapId: string): Promise<void> {
    await this.db.deleteFrom('study_plans').where('user_id', '=', userId).where('roadmap_id', '=', roadmapId).execute();
  }

  /** Sets (or, with null, clears) the feed token's hash of a stored plan; false when there is no plan. */
  async setFeed(userId: string, roadmapId: string, tokenHash: string | null, at: string | null): Promise<boolean> {
    const result = await this.db
      .updateTable('study_plans')
      .set({ feed_token_hash: tokenHash, feed_created_at: at })
      .where('user_id', '=', userId)
      .where('roadmap_id', '=', roadmapId)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  planByFeed(tokenHash: string): Promise<PlanRow | undefined> {
    return this.db.selectFrom('study_plans').selectAll().where('feed_token_hash', '=', tokenHash).executeTakeFirst();
  }

  notes(userId: string): Promise<NoteRow[]> {
    return this.db.selectFrom('topic_notes').selectAll().where('user_id', '=', userId).orderBy('updated_at', 'desc').execute();
  }

  notesOf(userId: string, roadmapId: string): Promise<NoteRow[]> {
    return this.db.selectFrom('topic_notes').selectAll().where('user_id', '=', userId).where('roadmap_id', '=', roadmapId).execute();
  }

  note(userId: string, roadmapId: string, topicId: string): Promise<NoteRow | undefined> {
    return this.db
      .selectFrom('topic_notes')
      .selectAll()
      .where('user_id', '=', userId)
      .where('roadmap_id', '=', roadmapId)
      .where('topic_id', '=', topicId)
      .executeTakeFirst();
  }

  async countNotes(userId: string): Promise<number> {
    const row = await this.db
      .selectFrom('topic_notes')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('user_id', '=', userId)
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** Stores the note; with `onlyIfNewer`, only when the stored one is older. True when it was stored. */
  async putNote(userId: string, roadmapId: string, topicId: string, markdown: string, updatedAt: string, onlyIfNewer: boolean): Promise<boolean> {
    const result = await this.db
      .insertInto('topic_notes')
      .values({ user_id: userId, roadmap_id: roadmapId, topic_id: topicId, markdown, updated_at: updatedAt })
      .onConflict((oc) => {
        const update = oc.columns(['user_id', 'roadmap_id', 'topic_id']).doUpdateSet({ markdown, updated_at: updatedAt });
        return onlyIfNewer ? update.where('topic_notes.updated_at', '<', updatedAt) : update;
      })
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async deleteNote(userId: string, roadmapId: string, topicId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('topic_notes')
      .where('user_id', '=', userId)
      .where('roadmap_id', '=', roadmapId)
      .where('topic_id', '=', topicId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  checks(userId: string, roadmapId: string): Promise<ChecksRow[]> {
    return this.db
      .selectFrom('resource_checks')
      .select(['topic_id', 'checked', 'updated_at'])
      .where('user_id', '=', userId)
      .where('roadmap_id', '=', roadmapId)
      .execute();
  }

  /** Stores a topic's checked URLs; with `onlyIfNewer`, only when the stored ones are older. True when they were stored. */
  async putChecks(userId: string, roadmapId: string, topicId: string, checked: string, updatedAt: string, onlyIfNewer: boolean): Promise<boolean> {
    const result = await this.db
      .insertInto('resource_checks')
      .values({ user_id: userId, roadmap_id: roadmapId, topic_id: topicId, checked, updated_at: updatedAt })
      .onConflict((oc) => {
        const update = oc.columns(['user_id', 'roadmap_id', 'topic_id']).doUpdateSet({ checked, updated_at: updatedAt });
        return onlyIfNewer ? update.where('resource_checks.updated_at', '<', updatedAt) : update;
      })
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }
}
