import { describe, expect, it } from 'vitest';
import { startOfLocalDay } from './calendar-date.js';
import { dueBefore, dueToday, emptyCard, isNewerCard, revisitTopics, type ReviewCard } from './review-cards.js';

const card = (questionId: string, extra: Partial<ReviewCard> = {}): ReviewCard => ({
  ...emptyCard({ roadmapId: 'backend', questionId, topicId: 'dns' }, new Date('2026-12-01T00:00:00Z')),
  ...extra,
});

describe('review card rules', () => {
  it('ends the learner’s day at their own midnight, across a change of offset', () => {
    expect(new Date(dueBefore(Date.parse('2026-12-02T10:00:00Z'), 'Pacific/Auckland')).toISOString()).toBe('2026-12-02T11:00:00.000Z');
    expect(new Date(dueBefore(Date.parse('2026-12-02T10:00:00Z'), 'America/Los_Angeles')).toISOString()).toBe('2026-12-03T08:00:00.000Z');
    expect(new Date(dueBefore(Date.parse('2026-12-02T10:00:00Z'), 'UTC')).toISOString()).toBe('2026-12-03T00:00:00.000Z');
    // Berlin moves to summer time on 29 March 2026: that day starts at UTC+1, the next at UTC+2.
    expect(new Date(startOfLocalDay('2026-03-29', 'Europe/Berlin')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(startOfLocalDay('2026-03-30', 'Europe/Berlin')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // Kolkata is UTC+5:30, with no daylight saving time.
    expect(new Date(startOfLocalDay('2026-12-02', 'Asia/Kolkata')).toISOString()).toBe('2026-12-01T18:30:00.000Z');
  });

  it('lists what is due before the end of the day, soonest first', () => {
    const cards = [
      card('c', { due: '2026-12-02T20:00:00.000Z' }),
      card('a', { due: '2026-12-02T08:00:00.000Z' }),
      card('b', { due: '2026-12-03T01:00:00.000Z' }),
    ];
    expect(dueToday(cards, Date.parse('2026-12-02T10:00:00Z'), 'UTC').map((c) => c.questionId)).toEqual(['a', 'c']);
    expect(dueToday(cards, Date.parse('2026-12-02T10:00:00Z'), 'America/New_York').map((c) => c.questionId)).toEqual(['a', 'c', 'b']);
  });

  it('lets the later review win, and any review beat a card never reviewed', () => {
    const older = card('q', { lastReview: '2026-12-01T10:00:00.000Z', reps: 3 });
    const newer = card('q', { lastReview: '2026-12-02T10:00:00.000Z', reps: 1 });
    expect(isNewerCard(newer, older)).toBe(true);
    expect(isNewerCard(older, newer)).toBe(false);
    expect(isNewerCard(older, older)).toBe(false);
    expect(isNewerCard(card('q'), older)).toBe(false);
    expect(isNewerCard(older, card('q'))).toBe(true);
    expect(isNewerCard(card('q'), undefined)).toBe(true);
  });

  it('names topics missed twice or more, most missed first', () => {
    const topics = revisitTopics([
      { roadmapId: 'backend', topicId: 'dns', misses: 1 },
      { roadmapId: 'backend', topicId: 'dns', misses: 1 },
      { roadmapId: 'backend', topicId: 'tls', misses: 3 },
      { roadmapId: 'backend', topicId: 'http', misses: 1 },
      { roadmapId: 'backend', topicId: 'cors', misses: 0 },
    ]);
    expect(topics).toEqual([
      { roadmapId: 'backend', topicId: 'tls', misses: 3 },
      { roadmapId: 'backend', topicId: 'dns', misses: 2 },
    ]);
  });
});
