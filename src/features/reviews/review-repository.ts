/** Review cards and the review log of accounts. No HTTP and no scheduling in here. */
import { randomUUID } from 'node:crypto';
import { sql, type OnConflictBuilder, type Selectable, type Transaction } from 'kysely';
import type { Database } from '../../db/database.js';
import type { DatabaseSchema, ReviewCardsTable } from '../../db/schema.js';
import type { ReviewCard } from '../../shared/review-cards.js';

type Db = Database | Transaction<DatabaseSchema>;

/** Rows per insert statement: well under both dialects' limits on bound parameters. */
const CHUNK_ROWS = 500;

function cardOf(row: Selectable<ReviewCardsTable>): ReviewCard {
  return {
    roadmapId: row.roadmap_id,
    questionId: row.question_id,
    topicId: row.topic_id,
    due: row.due,
    stability: Number(row.stability),
    difficulty: Number(row.difficulty),
    scheduledDays: row.scheduled_days,
    learningSteps: row.learning_steps,
    reps: row.reps,
    lapses: row.lapses,
    state: row.state,
    lastReview: row.last_review,
    misses: row.misses,
  };
}

function rowOf(userId: string, card: ReviewCard): ReviewCardsTable {
  return {
    user_id: userId,
    roadmap_id: card.roadmapId,
    question_id: card.questionId,
    topic_id: card.topicId,
    due: card.due,
    stability: card.stability,
    difficulty: card.difficulty,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    last_review: card.lastReview,
    misses: card.misses,
  };
}

export interface ReviewEntry {
  id: string;
  rating: number;
  correct: boolean;
  reviewedAt: string;
  before: ReviewCard | null;
}

/** One review as it is logged: the card before and after, how it was rated and when. */
export interface LoggedReview {
  userId: string;
  before: ReviewCard | null;
  after: ReviewCard;
  rating: number;
  correct: boolean;
  at: Date;
}

function logRowOf(r: LoggedReview) {
  return {
    id: randomUUID(),
    user_id: r.userId,
    roadmap_id: r.after.roadmapId,
    question_id: r.after.questionId,
    rating: r.rating,
    correct: r.correct ? 1 : 0,
    reviewed_at: r.at.toISOString(),
    card_before: JSON.stringify(r.before),
    due_after: r.after.due,
  };
}

/** On a card that exists already: replace its state with the one written. */
const replaceCard = (oc: OnConflictBuilder<DatabaseSchema, 'review_cards'>) =>
  oc.columns(['user_id', 'roadmap_id', 'question_id']).doUpdateSet((eb) => ({
    topic_id: eb.ref('excluded.topic_id'),
    due: eb.ref('excluded.due'),
    stability: eb.ref('excluded.stability'),
    difficulty: eb.ref('excluded.difficulty'),
    scheduled_days: eb.ref('excluded.scheduled_days'),
    learning_steps: eb.ref('excluded.learning_steps'),
    reps: eb.ref('excluded.reps'),
    lapses: eb.ref('excluded.lapses'),
    state: eb.ref('excluded.state'),
    last_review: eb.ref('excluded.last_review'),
    misses: eb.ref('excluded.misses'),
  }));

export class ReviewRepository {
  constructor(private readonly db: Db) {}

  async find(userId: string, roadmapId: string, questionId: string): Promise<ReviewCard | undefined> {
    const row = await this.db
      .selectFrom('review_cards')
      .selectAll()
      .where('user_id', '=', userId)
      .where('roadmap_id', '=', roadmapId)
      .where('question_id', '=', questionId)
      .executeTakeFirst();
    return row ? cardOf(row) : undefined;
  }

  async findMany(userId: string, keys: { roadmapId: string; questionId: string }[]): Promise<ReviewCard[]> {
    const found: ReviewCard[] = [];
    const byRoadmap = new Map<string, string[]>();
    for (const key of keys) byRoadmap.set(key.roadmapId, [...(byRoadmap.get(key.roadmapId) ?? []), key.questionId]);
    for (const [roadmapId, ids] of byRoadmap) {
      for (let i = 0; i < ids.length; i += CHUNK_ROWS) {
        const rows = await this.db
          .selectFrom('review_cards')
          .selectAll()
          .where('user_id', '=', userId)
          .where('roadmap_id', '=', roadmapId)
          .where('question_id', 'in', ids.slice(i, i + CHUNK_ROWS))
          .execute();
        found.push(...rows.map(cardOf));
      }
    }
    return found;
  }

  /** Writes cards as they are (replacing stored ones). */
  async put(userId: string, cards: ReviewCard[]): Promise<void> {
    for (let i = 0; i < cards.length; i += CHUNK_ROWS) {
      await this.db
        .insertInto('review_cards')
        .values(cards.slice(i, i + CHUNK_ROWS).map((c) => rowOf(userId, c)))
        .onConflict(replaceCard)
        .execute();
    }
  }

  /**
   * PostgreSQL: writes the reviewed cards and their log rows, of any number of accounts, in one
   * statement (a data-modifying WITH), so that a batch of answers costs one round trip and is
   * atomic without a transaction around it.
   */
  async putAndLogAtOnce(reviews: LoggedReview[]): Promise<void> {
    if (reviews.length === 0) return;
    if (reviews.length > CHUNK_ROWS) throw new Error(`at most ${CHUNK_ROWS} reviews in one statement`);
    await this.db
      .with('cards', (db) =>
        db
          .insertInto('review_cards')
          .values(reviews.map((r) => rowOf(r.userId, r.after)))
          .onConflict(replaceCard)
          .returning('question_id'),
      )
      .insertInto('review_log')
      .values(reviews.map(logRowOf))
      .execute();
  }

  /** Adds cards the account does not have yet; existing cards keep their state. Returns how many were added. */
  async addMissing(userId: string, cards: ReviewCard[]): Promise<number> {
    let added = 0;
    for (let i = 0; i < cards.length; i += CHUNK_ROWS) {
      const result = await this.db
        .insertInto('review_cards')
        .values(cards.slice(i, i + CHUNK_ROWS).map((c) => rowOf(userId, c)))
        .onConflict((oc) => oc.columns(['user_id', 'roadmap_id', 'question_id']).doNothing())
        .executeTakeFirst();
      added += Number(result.numInsertedOrUpdatedRows ?? 0);
    }
    return added;
  }

  /** Appends reviews to the log, in one statement per chunk. */
  async log(userId: string, reviews: Omit<LoggedReview, 'userId'>[]): Promise<void> {
    const rows = reviews.map((r) => logRowOf({ ...r, userId }));
    for (let i = 0; i < rows.length; i += CHUNK_ROWS)
      await this.db
        .insertInto('review_log')
        .values(rows.slice(i, i + CHUNK_ROWS))
        .execute();
  }

  /** The latest review of one card, with the card as it was before it. */
  async latest(userId: string, roadmapId: string, questionId: string): Promise<ReviewEntry | undefined> {
    const row = await this.db
      .selectFrom('review_log')
      .select(['id', 'rating', 'correct', 'reviewed_at', 'card_before'])
      .where('user_id', '=', userId)
      .where('roadmap_id', '=', roadmapId)
      .where('question_id', '=', questionId)
      .orderBy('reviewed_at', 'desc')
      .limit(1)
      .executeTakeFirst();
    if (!row) return undefined;
    return {
      id: row.id,
      rating: row.rating,
      correct: row.correct === 1,
      reviewedAt: row.reviewed_at,
      before: JSON.parse(row.card_before) as ReviewCard | null,
    };
  }

  async setRating(id: string, rating: number, dueAfter: string): Promise<void> {
    await this.db.updateTable('review_log').set({ rating, due_after: dueAfter }).where('id', '=', id).execute();
  }

  /** How many cards are due before `until`, and the first `limit` of them, soonest first. */
  async due(userId: string, until: string, limit: number): Promise<{ count: number; cards: ReviewCard[] }> {
    const [count, rows] = await Promise.all([
      this.db
        .selectFrom('review_cards')
        .select(sql<number>`count(*)`.as('n'))
        .where('user_id', '=', userId)
        .where('due', '<', until)
        .executeTakeFirstOrThrow(),
      this.db.selectFrom('review_cards').selectAll().where('user_id', '=', userId).where('due', '<', until).orderBy('due').limit(limit).execute(),
    ]);
    return { count: Number(count.n), cards: rows.map(cardOf) };
  }

  /** The cards with a wrong answer, for the topics to revisit. */
  async missed(userId: string): Promise<{ roadmapId: string; topicId: string; misses: number }[]> {
    const rows = await this.db
      .selectFrom('review_cards')
      .select(['roadmap_id', 'topic_id', sql<number>`sum(misses)`.as('misses')])
      .where('user_id', '=', userId)
      .where('misses', '>', 0)
      .groupBy(['roadmap_id', 'topic_id'])
      .execute();
    return rows.map((r) => ({ roadmapId: r.roadmap_id, topicId: r.topic_id, misses: Number(r.misses) }));
  }

  async all(userId: string): Promise<ReviewCard[]> {
    const rows = await this.db
      .selectFrom('review_cards')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('roadmap_id')
      .orderBy('question_id')
      .execute();
    return rows.map(cardOf);
  }
}

/** Runs `work` in one transaction on `db`. */
export function inTransaction<T>(db: Database, work: (repo: ReviewRepository) => Promise<T>): Promise<T> {
  return db.transaction().execute((trx) => work(new ReviewRepository(trx)));
}
