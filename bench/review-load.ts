/**
 * Spaced-repetition review for an account with 5,000 cards, half of them due today: reading the
 * due queue (target p99 ≤ 10 ms), and answering questions, each recorded as a review of the
 * account's card with its log row (target p99 ≤ 25 ms). Both with a personal API token.
 */
import { loadContentOrThrow } from '../src/content/roadmap-loader.js';
import { openDatabase } from '../src/db/database.js';
import { ReviewRepository } from '../src/features/reviews/review-repository.js';
import { emptyCard } from '../src/shared/review-cards.js';
import type { TestDatabase } from '../test/helpers/databases.js';
import { load, type Result } from './load.js';
import { answers } from './quiz-load.js';
import { signUpWithToken } from './progress-load.js';

export const REVIEW_CARDS = 5_000;

async function seedCards(base: string, db: TestDatabase, questions: { id: string; topicId: string }[]): Promise<Record<string, string>> {
  const bearer = await signUpWithToken(base);
  const me = (await (await fetch(`${base}/api/v1/me`, { headers: bearer })).json()) as { user: { id: string } };
  const now = Date.now();
  const cards = Array.from({ length: REVIEW_CARDS }, (_, i) => {
    const question = questions[i % questions.length]!;
    // Beyond the bank's size the ids are made up: the queue read does not look questions up.
    const questionId = i < questions.length ? question.id : `${question.id}-copy-${i}`;
    const card = emptyCard({ roadmapId: 'backend', questionId, topicId: question.topicId }, new Date(now));
    // Half due over the last month, half over the next one.
    const offset = (i % 2 === 0 ? -1 : 1) * (1 + (i % 30)) * 86_400_000;
    return {
      ...card,
      due: new Date(now + offset).toISOString(),
      reps: 3,
      state: 2,
      stability: 12,
      difficulty: 5,
      lastReview: new Date(now - 86_400_000).toISOString(),
    };
  });
  const direct = openDatabase(db.config);
  try {
    await new ReviewRepository(direct).put(me.user.id, cards);
  } finally {
    await direct.destroy();
  }
  return bearer;
}

/** Loads the due queue and account answers at `base` (the app on `db`); `label` names the database. */
export async function loadReviews(base: string, db: TestDatabase, label: string): Promise<Result[]> {
  const roadmap = loadContentOrThrow('content').roadmaps.get('backend');
  if (!roadmap) throw new Error('the backend roadmap is missing');
  const questions = [...roadmap.questions.values()].map((q) => ({ id: q.id, topicId: q.topicId }));
  const bearer = await seedCards(base, db, questions);
  const due = await load(`GET /api/v1/me/reviews/due (${REVIEW_CARDS / 1000}k cards, bearer, ${label})`, `${base}/api/v1/me/reviews/due`, bearer);
  const ids = questions.map((q) => q.id);
  const answer = await load(
    `POST …/questions/{id}/answer (bearer, review recorded, ${label})`,
    `${base}/api/v1/roadmaps/backend/questions/${ids[0]}/answer`,
    { ...bearer, 'content-type': 'application/json' },
    answers(ids, bearer),
  );
  return [due, answer];
}
