/**
 * Answering a question from the browser, the same way in a topic quiz and on the review page: the
 * server checks the answer and schedules the review. A guest's card travels with the answer and
 * comes back to be kept here; an account's is kept on the server. A learner who found a right
 * answer hard or easy says so afterwards, and the review is scheduled again from the card before.
 */
import type { AnswerResult } from '../features/quiz/schema.js';
import type { ReviewCard } from '../shared/review-cards.js';
import { guestCard, keepGuestCards, refreshAccountDue } from './state/review-cards.js';

export type SelfRating = 'hard' | 'good' | 'easy';

export interface Answered {
  result: AnswerResult;
  /** The guest's card before this answer, for a later self-rating. */
  before: ReviewCard | undefined;
}

/** The JSON of a successful answer; the API's error message otherwise. */
export async function readJson<T>(response: Response): Promise<T> {
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `The server answered ${response.status}.`);
  }
  return (await response.json()) as T;
}

function post(roadmapId: string, questionId: string, body: unknown): Promise<AnswerResult> {
  return fetch(`/api/v1/roadmaps/${encodeURIComponent(roadmapId)}/questions/${encodeURIComponent(questionId)}/answer`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  }).then((r) => readJson<AnswerResult>(r));
}

export async function submitAnswer(roadmapId: string, questionId: string, optionIds: string[]): Promise<Answered> {
  const before = guestCard(roadmapId, questionId);
  const result = await post(roadmapId, questionId, before ? { optionIds, card: before } : { optionIds });
  if (result.card && !result.recorded) keepGuestCards([result.card]);
  if (result.recorded) void refreshAccountDue();
  return { result, before };
}

/** "That was hard / easy" after a right answer: the review is scheduled again. */
export async function rateAnswer(roadmapId: string, questionId: string, optionIds: string[], answered: Answered, rating: SelfRating): Promise<void> {
  if (answered.result.recorded) {
    await readJson(
      await fetch(`/api/v1/me/reviews/${encodeURIComponent(roadmapId)}/${encodeURIComponent(questionId)}/rating`, {
        method: 'PUT',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json', accept: 'application/json' },
        body: JSON.stringify({ rating }),
      }),
    );
    return;
  }
  const result = await post(roadmapId, questionId, answered.before ? { optionIds, card: answered.before, rating } : { optionIds, rating });
  if (result.card) keepGuestCards([result.card]);
}
