/**
 * Review cards, as the server, the pages and the browser's guest store all see them: one card per
 * question a learner has met, with its FSRS memory state and when it is next due. Scheduling
 * itself happens on the server (features/reviews/scheduler.ts); these are the rules around it:
 * which card is newer, what is due today in the learner's time zone, and which topics to revisit.
 */
import { endOfLocalDay } from './calendar-date.js';

/** FSRS learning states, as ts-fsrs numbers them. */
export const CARD_STATES = ['new', 'learning', 'review', 'relearning'] as const;

export interface ReviewCard {
  roadmapId: string;
  questionId: string;
  topicId: string;
  /** ISO instant the card is next due. */
  due: string;
  stability: number;
  difficulty: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  /** Index into CARD_STATES. */
  state: number;
  /** ISO instant of the last review; null for a card never reviewed (added when its topic was marked done). */
  lastReview: string | null;
  /** Wrong answers to this question so far. */
  misses: number;
}

/** A card never reviewed, due at `now`: what marking a topic done adds for each of its questions. */
export function emptyCard(ids: Pick<ReviewCard, 'roadmapId' | 'questionId' | 'topicId'>, now: Date): ReviewCard {
  return {
    ...ids,
    due: now.toISOString(),
    stability: 0,
    difficulty: 0,
    scheduledDays: 0,
    learningSteps: 0,
    reps: 0,
    lapses: 0,
    state: 0,
    lastReview: null,
    misses: 0,
  };
}

/** How a card is named across roadmaps. */
export function cardKey(card: Pick<ReviewCard, 'roadmapId' | 'questionId'>): string {
  return `${card.roadmapId}\n${card.questionId}`;
}

/** True when `incoming` should replace `stored`: the later review wins; a card never reviewed loses to any review. */
export function isNewerCard(incoming: ReviewCard, stored: ReviewCard | undefined): boolean {
  if (!stored) return true;
  const a = incoming.lastReview ? Date.parse(incoming.lastReview) : -Infinity;
  const b = stored.lastReview ? Date.parse(stored.lastReview) : -Infinity;
  return a > b;
}

/** The instant (ms) before which a card counts as due today: the next local midnight in `timeZone`. */
export function dueBefore(now: Date | number, timeZone: string): number {
  return endOfLocalDay(now, timeZone);
}

/** Cards due by the end of the learner's day, soonest first. */
export function dueToday<C extends Pick<ReviewCard, 'due'>>(cards: readonly C[], now: Date | number, timeZone: string): C[] {
  const until = dueBefore(now, timeZone);
  return cards.filter((c) => Date.parse(c.due) < until).sort((a, b) => a.due.localeCompare(b.due));
}

/** Wrong answers across a topic's questions from which the topic is worth reading again. */
export const MISSES_TO_REVISIT = 2;

export interface RevisitTopic {
  roadmapId: string;
  topicId: string;
  misses: number;
}

/** Topics whose questions were missed repeatedly, most missed first (then by id, for a stable order). */
export function revisitTopics(cards: Iterable<Pick<ReviewCard, 'roadmapId' | 'topicId' | 'misses'>>): RevisitTopic[] {
  const byTopic = new Map<string, RevisitTopic>();
  for (const card of cards) {
    if (card.misses <= 0) continue;
    const key = `${card.roadmapId}\n${card.topicId}`;
    const entry = byTopic.get(key) ?? { roadmapId: card.roadmapId, topicId: card.topicId, misses: 0 };
    entry.misses += card.misses;
    byTopic.set(key, entry);
  }
  return [...byTopic.values()]
    .filter((t) => t.misses >= MISSES_TO_REVISIT)
    .sort((a, b) => b.misses - a.misses || a.roadmapId.localeCompare(b.roadmapId) || a.topicId.localeCompare(b.topicId));
}
