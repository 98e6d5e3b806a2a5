/**
 * Learning streaks from the set of local calendar dates with activity. Dates are already in the
 * learner's time zone, so day boundaries and DST were settled when they were computed.
 */
import { addDays, daysBetween } from '../../shared/calendar-date.js';

export interface Streaks {
  /** Consecutive active days ending today, or ending yesterday while today has no activity yet. */
  current: number;
  /** The longest run of consecutive active days ever. */
  longest: number;
}

/**
 * Computes the current and longest streak.
 * @param activeDates `YYYY-MM-DD` dates with at least one activity, in any order, duplicates allowed.
 * @param today today's date in the same time zone.
 */
export function computeStreaks(activeDates: Iterable<string>, today: string): Streaks {
  const days = new Set(activeDates);
  // Yesterday still counts as "current" so a streak is not shown as broken before the day is over.
  let day = days.has(today) ? today : addDays(today, -1);
  let current = 0;
  while (days.has(day)) {
    current += 1;
    day = addDays(day, -1);
  }

  let longest = 0;
  let run = 0;
  let previous: string | null = null;
  for (const date of [...days].sort()) {
    run = previous !== null && daysBetween(previous, date) === 1 ? run + 1 : 1;
    longest = Math.max(longest, run);
    previous = date;
  }
  return { current, longest };
}
