import { describe, expect, it } from 'vitest';
import { Rating, type Grade } from 'ts-fsrs';
import { ratingOf, reviewCard } from './scheduler.js';

const ids = { roadmapId: 'backend', questionId: 'dns-q1', topicId: 'dns' };
const at = (iso: string) => new Date(iso);

describe('FSRS scheduling', () => {
  it('rates a wrong answer Again whatever the learner says, a right one Good unless told otherwise', () => {
    expect(ratingOf(false, 'easy')).toBe(Rating.Again);
    expect(ratingOf(true)).toBe(Rating.Good);
    expect(ratingOf(true, 'hard')).toBe(Rating.Hard);
    expect(ratingOf(true, 'easy')).toBe(Rating.Easy);
  });

  it('schedules whole days ahead: a first answer 1, 2, 3 or 8 days, growing with each right answer', () => {
    const start = at('2026-12-02T10:00:00.000Z');
    const grades: Grade[] = [Rating.Again, Rating.Hard, Rating.Good, Rating.Easy];
    expect(grades.map((rating) => reviewCard(null, ids, rating, start).scheduledDays)).toEqual([1, 2, 3, 8]);
    let card = reviewCard(null, ids, Rating.Good, start);
    const intervals = [card.scheduledDays];
    for (let i = 0; i < 3; i++) {
      card = reviewCard(card, ids, Rating.Good, new Date(card.due));
      intervals.push(card.scheduledDays);
    }
    expect(intervals).toEqual([3, 14, 57, 196]);
    expect(card).toMatchObject({ reps: 4, lapses: 0, misses: 0, state: 2 });
  });

  it('counts a lapse and a miss when a learned card is forgotten, and brings it back two days later', () => {
    const learned = reviewCard(reviewCard(null, ids, Rating.Good, at('2026-12-02T10:00:00.000Z')), ids, Rating.Good, at('2026-12-05T10:00:00.000Z'));
    const forgotten = reviewCard(learned, ids, Rating.Again, at('2026-12-19T10:00:00.000Z'));
    expect(forgotten).toMatchObject({
      lapses: 1,
      misses: 1,
      reps: 3,
      scheduledDays: 2,
      due: '2026-12-21T10:00:00.000Z',
      lastReview: '2026-12-19T10:00:00.000Z',
    });
  });
});
