/**
 * Spaced-repetition review for accounts: answers become reviews, marking a topic done adds its
 * questions, today's queue in the learner's time zone, a guest's cards merged at sign-in, and the
 * topics to revisit. Scheduling is scheduler.ts; which card wins and what is due are the shared
 * rules in shared/review-cards.ts. No HTTP in here.
 */
import type { AppServices } from '../../app-services.js';
import type { Question, Roadmap } from '../../content/roadmap-model.js';
import { AppError } from '../../errors.js';
import { cacheBody, type CachedBody } from '../../http/cached-body.js';
import { isPostgres } from '../../db/database.js';
import { GroupCommit } from '../../infra/group-commit.js';
import { timeZoneOrUtc } from '../../shared/calendar-date.js';
import { cardKey, dueBefore, emptyCard, isNewerCard, revisitTopics, type ReviewCard } from '../../shared/review-cards.js';
import { inTransaction, ReviewRepository, type LoggedReview } from './review-repository.js';
import { ratingOf, reviewCard, type SelfRating } from './scheduler.js';

/** Due cards listed at once; the count covers them all. */
export const DUE_LIST_LIMIT = 50;
/** How long after answering a learner may still say it was hard or easy. */
export const RERATE_WINDOW_MS = 30 * 60 * 1000;
/** A card reviewed later than this after now comes from a wrong clock. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

type Services = Pick<AppServices, 'db' | 'catalog' | 'clock' | 'changes' | 'reviewQueueCache' | 'metrics'>;

export interface DueQueue {
  count: number;
  until: string;
  cards: { roadmapId: string; questionId: string; topicId: string; due: string; new: boolean }[];
  revisit: { roadmapId: string; topicId: string; title: string; url: string; misses: number }[];
}

function idsOf(roadmap: Roadmap, question: Question) {
  return { roadmapId: roadmap.id, questionId: question.id, topicId: question.topicId };
}

/** A guest's next card: scheduled here, kept in their browser. The card sent must be this question's. */
export function guestReview(
  roadmap: Roadmap,
  question: Question,
  before: ReviewCard | undefined,
  correct: boolean,
  self: SelfRating | undefined,
  now: Date,
): ReviewCard {
  if (before && (before.roadmapId !== roadmap.id || before.questionId !== question.id)) {
    throw new AppError('invalid_input', 'The card sent is not the card of this question.');
  }
  return reviewCard(before ?? null, idsOf(roadmap, question), ratingOf(correct, self), now);
}

interface PendingAnswer {
  userId: string;
  roadmap: Roadmap;
  question: Question;
  correct: boolean;
  self?: SelfRating | undefined;
  now: Date;
}

export class ReviewService {
  private readonly repo: ReviewRepository;
  private readonly answers: GroupCommit<PendingAnswer, ReviewCard>;

  constructor(private readonly services: Services) {
    this.repo = new ReviewRepository(services.db);
    this.answers = new GroupCommit<PendingAnswer, ReviewCard>({
      concurrency: isPostgres(services.db) ? 3 : 1,
      maxBatch: 200,
      // Two answers to one card never share a commit: the second is scheduled from the first.
      keyOf: (a) => `${a.userId}\n${a.roadmap.id}\n${a.question.id}`,
      commit: (items) => this.commitAnswers(items),
      ...(services.metrics ? { onBatch: services.metrics.batchesOf('answers') } : {}),
    });
  }

  /**
   * Records an answer as a review of the account's card (a first answer makes the card). Answers
   * arriving together are committed together (infra/group-commit.ts): one commit for the lot.
   */
  async answer(userId: string, roadmap: Roadmap, question: Question, correct: boolean, self?: SelfRating): Promise<ReviewCard> {
    try {
      return await this.answers.submit({ userId, roadmap, question, correct, self, now: this.services.clock() });
    } finally {
      await this.changed(userId);
    }
  }

  /** Records many answers at once (a submitted skill test). */
  async answerMany(userId: string, roadmap: Roadmap, answers: { question: Question; correct: boolean }[]): Promise<void> {
    if (answers.length === 0) return;
    const now = this.services.clock();
    await this.commitAnswers(answers.map((a) => ({ userId, roadmap, question: a.question, correct: a.correct, now })));
    await this.changed(userId);
  }

  /** Every instance forgets the account's cached queue. */
  private changed(userId: string): Promise<void> {
    return this.services.changes.publish({ topic: 'reviews', userId });
  }

  /**
   * Reviews answers (one per card at most) and stores them atomically; the cards after them, in
   * order. On PostgreSQL the cards are read first and everything is written in one statement (two
   * round trips for the whole batch); the group commit never has two answers to one card in flight
   * here, so nothing can change a card between its read and its write but another instance, which
   * a transaction at READ COMMITTED would not stop either. SQLite commits in one local transaction.
   */
  private async commitAnswers(items: PendingAnswer[]): Promise<ReviewCard[]> {
    const review = async (repo: ReviewRepository) => {
      const byUser = new Map<string, PendingAnswer[]>();
      for (const item of items) byUser.set(item.userId, [...(byUser.get(item.userId) ?? []), item]);
      const results = new Map<PendingAnswer, ReviewCard>();
      const reviews: LoggedReview[] = [];
      for (const [userId, answers] of byUser) {
        const keys = answers.map((a) => ({ roadmapId: a.roadmap.id, questionId: a.question.id }));
        const stored = new Map((await repo.findMany(userId, keys)).map((c) => [cardKey(c), c]));
        for (const a of answers) {
          const before = stored.get(cardKey({ roadmapId: a.roadmap.id, questionId: a.question.id })) ?? null;
          const rating = ratingOf(a.correct, a.self);
          const after = reviewCard(before, idsOf(a.roadmap, a.question), rating, a.now);
          results.set(a, after);
          reviews.push({ userId, before, after, rating, correct: a.correct, at: a.now });
        }
      }
      return { reviews, cards: items.map((item) => results.get(item)!) };
    };
    if (isPostgres(this.services.db)) {
      const { reviews, cards } = await review(this.repo);
      await this.repo.putAndLogAtOnce(reviews);
      return cards;
    }
    return inTransaction(this.services.db, async (repo) => {
      const { reviews, cards } = await review(repo);
      for (const userId of new Set(reviews.map((r) => r.userId))) {
        const mine = reviews.filter((r) => r.userId === userId);
        await repo.put(
          userId,
          mine.map((r) => r.after),
        );
        await repo.log(userId, mine);
      }
      return cards;
    });
  }

  /**
   * The learner says a question they just answered right was hard or easy: the latest review is
   * scheduled again from the card as it was before it. Only within RERATE_WINDOW_MS of a right answer.
   */
  async rate(userId: string, roadmap: Roadmap, questionId: string, self: SelfRating): Promise<ReviewCard> {
    const question = roadmap.questions.get(questionId);
    if (!question) throw new AppError('not_found', 'No question with that id in this roadmap.');
    const now = this.services.clock();
    return inTransaction(this.services.db, async (repo) => {
      const latest = await repo.latest(userId, roadmap.id, questionId);
      if (!latest || now.getTime() - Date.parse(latest.reviewedAt) > RERATE_WINDOW_MS) {
        throw new AppError('conflict', 'There is no answer to this question in the last 30 minutes to rate.');
      }
      if (!latest.correct) throw new AppError('conflict', 'A wrong answer is always reviewed again soon; only a right one can be rated.');
      const rating = ratingOf(true, self);
      const after = reviewCard(latest.before, idsOf(roadmap, question), rating, new Date(latest.reviewedAt));
      await repo.put(userId, [after]);
      await repo.setRating(latest.id, rating, after.due);
      return after;
    }).finally(() => this.changed(userId));
  }

  /** Marking topics done adds their questions as new cards, due now; cards already there stay as they are. */
  async addTopics(userId: string, roadmap: Roadmap, topicIds: readonly string[]): Promise<number> {
    const now = this.services.clock();
    const cards = topicIds.flatMap((topicId) =>
      (roadmap.questionsByTopic.get(topicId) ?? []).map((questionId) => emptyCard({ roadmapId: roadmap.id, questionId, topicId }, now)),
    );
    const added = cards.length === 0 ? 0 : await this.repo.addMissing(userId, cards);
    if (added > 0) await this.changed(userId);
    return added;
  }

  /** The due queue as a body ready to send, built once per change of the account's cards and per day. */
  dueBody(user: { id: string; timeZone: string }): Promise<CachedBody> {
    const until = new Date(dueBefore(this.services.clock(), timeZoneOrUtc(user.timeZone))).toISOString();
    return this.services.reviewQueueCache.load(user.id, until, async () =>
      cacheBody(JSON.stringify(await this.due(user, until)), 'application/json; charset=utf-8', { fast: true }),
    );
  }

  /** Cards due before `until` (the end of the learner's day in their time zone), and the topics to revisit. */
  async due(user: { id: string; timeZone: string }, until: string): Promise<DueQueue> {
    const [{ count, cards }, missed] = await Promise.all([this.repo.due(user.id, until, DUE_LIST_LIMIT), this.repo.missed(user.id)]);
    const revisit: DueQueue['revisit'] = [];
    for (const topic of revisitTopics(missed)) {
      const entry = await this.services.catalog.get(topic.roadmapId, { userId: user.id });
      const node = entry?.roadmap.topics.get(topic.topicId);
      if (!entry || !node) continue;
      revisit.push({ ...topic, title: node.title, url: `/${entry.roadmap.id}/${node.id}` });
    }
    return {
      count,
      until,
      cards: cards.map((c) => ({ roadmapId: c.roadmapId, questionId: c.questionId, topicId: c.topicId, due: c.due, new: c.lastReview === null })),
      revisit,
    };
  }

  /**
   * Merges a guest's cards: per card the later review wins. Cards of questions that no longer exist
   * are dropped and named; a card reviewed in the future (a wrong clock) refuses the whole merge.
   */
  async merge(userId: string, incoming: ReviewCard[]): Promise<{ merged: number; kept: number; dropped: string[] }> {
    const now = this.services.clock();
    const dropped: string[] = [];
    const valid: ReviewCard[] = [];
    const seen = new Set<string>();
    for (const card of incoming) {
      const key = cardKey(card);
      if (seen.has(key)) throw new AppError('invalid_input', `The card for "${card.roadmapId}/${card.questionId}" is sent twice.`);
      seen.add(key);
      if (card.lastReview && Date.parse(card.lastReview) > now.getTime() + CLOCK_SKEW_MS) {
        throw new AppError(
          'invalid_input',
          `The card for "${card.roadmapId}/${card.questionId}" says it was reviewed in the future; check the device's clock.`,
        );
      }
      const entry = await this.services.catalog.get(card.roadmapId, { userId });
      const question = entry?.roadmap.questions.get(card.questionId);
      if (!question) {
        dropped.push(`${card.roadmapId}/${card.questionId}`);
        continue;
      }
      valid.push({ ...card, topicId: question.topicId });
    }
    return inTransaction(this.services.db, async (repo) => {
      const stored = new Map((await repo.findMany(userId, valid)).map((c) => [cardKey(c), c]));
      const newer = valid.filter((card) => isNewerCard(card, stored.get(cardKey(card))));
      await repo.put(userId, newer);
      return { merged: newer.length, kept: valid.length - newer.length, dropped };
    }).finally(() => this.changed(userId));
  }

  all(userId: string): Promise<ReviewCard[]> {
    return this.repo.all(userId);
  }
}
