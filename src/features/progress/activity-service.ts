/**
 * The activity calendar and streaks, in the learner's own time zone. The log is stored in UTC;
 * days are worked out here with Intl, because SQLite knows no time zones.
 */
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { ActivityRepository, type BucketCount } from './activity-repository.js';
import { addDays, daysBetween, isCalendarDate, localDate, timeZoneOrUtc } from '../../shared/calendar-date.js';
import type { ActivityCalendar, ActivityDay, ActivityQuery } from './schema.js';
import { computeStreaks } from './streaks.js';

/** Longest range one calendar request may cover, in days (a leap year). */
export const MAX_RANGE_DAYS = 366;
/** The default range: a year of days ending today. */
export const DEFAULT_RANGE_DAYS = 365;
// Zone offsets run from UTC−12 to UTC+14: widening the UTC window by these catches every local day.
const AHEAD_MS = 14 * 60 * 60 * 1000;
const BEHIND_MS = 12 * 60 * 60 * 1000;

export interface ActivitySummary {
  from: string;
  to: string;
  days: ActivityDay[];
  currentStreak: number;
  longestStreak: number;
}

export class ActivityService {
  private readonly activity: ActivityRepository;

  constructor(db: Database) {
    this.activity = new ActivityRepository(db);
  }

  /** Status changes per local day between `from` and `to` (defaults: the last 365 days). Throws `invalid_input` on a bad range. */
  async calendar(userId: string, timeZone: string, query: ActivityQuery, now = new Date()): Promise<ActivityCalendar> {
    const zone = timeZoneOrUtc(timeZone);
    const { from, to } = resolveRange(query, localDate(now, zone));
    const since = new Date(Date.parse(`${from}T00:00:00Z`) - AHEAD_MS).toISOString();
    const until = new Date(Date.parse(`${addDays(to, 1)}T00:00:00Z`) + BEHIND_MS).toISOString();
    const counts = countLocalDays(await this.activity.bucketCounts(userId, { since, until }), zone);
    const days = daysWithin(counts, from, to);
    return { timeZone: zone, from, to, days, total: days.reduce((sum, day) => sum + day.count, 0) };
  }

  /** The last year of days plus current and longest streak, from one read of the quarter-hour counts. */
  async summary(userId: string, timeZone: string, now = new Date()): Promise<ActivitySummary> {
    const zone = timeZoneOrUtc(timeZone);
    const today = localDate(now, zone);
    const from = addDays(today, 1 - DEFAULT_RANGE_DAYS);
    const counts = countLocalDays(await this.activity.bucketCounts(userId), zone);
    const streaks = computeStreaks(counts.keys(), today);
    return { from, to: today, days: daysWithin(counts, from, today), currentStreak: streaks.current, longestStreak: streaks.longest };
  }
}

/** Applies the defaults and limits of a calendar request. */
export function resolveRange(query: ActivityQuery, today: string): { from: string; to: string } {
  for (const date of [query.from, query.to]) {
    if (date !== undefined && !isCalendarDate(date)) throw new AppError('invalid_input', `"${date}" is not a calendar date (YYYY-MM-DD).`);
  }
  const to = query.to ?? today;
  const from = query.from ?? addDays(to, 1 - DEFAULT_RANGE_DAYS);
  if (from > to) throw new AppError('invalid_input', '`from` must not come after `to`.');
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) throw new AppError('invalid_input', `A range may cover at most ${MAX_RANGE_DAYS} days.`);
  return { from, to };
}

/** Adds quarter-hours up per local date; every zone's offset is a whole number of quarter-hours, so each falls in one day. */
function countLocalDays(buckets: BucketCount[], zone: string): Map<string, number> {
  const days = new Map<string, number>();
  for (const { bucket, count } of buckets) {
    const instant = Date.parse(`${bucket}:00Z`);
    if (Number.isNaN(instant)) continue;
    const date = localDate(instant, zone);
    days.set(date, (days.get(date) ?? 0) + count);
  }
  return days;
}

function daysWithin(counts: Map<string, number>, from: string, to: string): ActivityDay[] {
  return [...counts]
    .filter(([date, count]) => date >= from && date <= to && count > 0)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, count]) => ({ date, count }));
}
