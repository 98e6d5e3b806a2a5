/**
 * FSRS scheduling through ts-fsrs: a right answer is rated Good (or the learner's own Hard or
 * Easy), a wrong one Again. Quiz questions are not flash cards seen minutes apart, so the
 * short-term learning steps are off: every review schedules whole days ahead. Fuzz is off, so
 * the same answers always give the same dates.
 */
import { fsrs, Rating, type Card, type Grade } from 'ts-fsrs';
import { emptyCard, type ReviewCard } from '../../shared/review-cards.js';

const scheduler = fsrs({ enable_fuzz: false, enable_short_term: false });

export const SELF_RATINGS = ['hard', 'good', 'easy'] as const;
export type SelfRating = (typeof SELF_RATINGS)[number];

/** The FSRS rating of an answer: Again when wrong, whatever the learner says; else their rating, Good by default. */
export function ratingOf(correct: boolean, self: SelfRating = 'good'): Grade {
  if (!correct) return Rating.Again;
  return self === 'hard' ? Rating.Hard : self === 'easy' ? Rating.Easy : Rating.Good;
}

interface CardIds {
  roadmapId: string;
  questionId: string;
  topicId: string;
}

function toFsrs(card: ReviewCard): Card {
  return {
    due: new Date(card.due),
    stability: card.stability,
    difficulty: card.difficulty,
    elapsed_days: 0,
    scheduled_days: card.scheduledDays,
    learning_steps: card.learningSteps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    ...(card.lastReview ? { last_review: new Date(card.lastReview) } : {}),
  };
}

function fromFsrs(card: Card, ids: CardIds, misses: number): ReviewCard {
  return {
    ...ids,
    due: card.due.toISOString(),
    stability: card.stability,
    difficulty: card.difficulty,
    scheduledDays: card.scheduled_days,
    learningSteps: card.learning_steps,
    reps: card.reps,
    lapses: card.lapses,
    state: card.state,
    lastReview: card.last_review ? card.last_review.toISOString() : null,
    misses,
  };
}

/** The card after one review at `now` with `rating`; a first review starts from a new card. */
export function reviewCard(before: ReviewCard | null, ids: CardIds, rating: Grade, now: Date): ReviewCard {
  const start = toFsrs(before ?? emptyCard(ids, now));
  const { card } = scheduler.next(start, now, rating);
  return fromFsrs(card, ids, (before?.misses ?? 0) + (rating === Rating.Again ? 1 : 0));
}
