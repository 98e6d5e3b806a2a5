import { describe, expect, it } from 'vitest';
import { resolveRange } from './activity-service.js';
import { addDays, daysBetween, isCalendarDate, localDate, timeZoneOrUtc, weekdayOf } from '../../shared/calendar-date.js';
import { computeStreaks } from './streaks.js';

describe('calendar dates', () => {
  it('accepts real dates only', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    for (const bad of ['2026-02-29', '2026-02-30', '2026-13-01', '2026-1-01', '20260101', '2026-01-01T00:00:00Z'])
      expect(isCalendarDate(bad), bad).toBe(false);
  });

  it('adds days across months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2026-03-08', 1)).toBe('2026-03-09');
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
    expect(daysBetween('2026-03-02', '2026-03-01')).toBe(-1);
    expect(weekdayOf('2026-03-01')).toBe(0);
  });

  it('puts instants near midnight on the local day of the zone', () => {
    expect(localDate(Date.parse('2026-01-10T04:59:00Z'), 'America/New_York')).toBe('2026-01-09');
    expect(localDate(Date.parse('2026-01-10T05:00:00Z'), 'America/New_York')).toBe('2026-01-10');
    expect(localDate(Date.parse('2026-01-09T10:00:00Z'), 'Pacific/Kiritimati')).toBe('2026-01-10');
    expect(localDate(Date.parse('2026-01-11T10:59:00Z'), 'Pacific/Pago_Pago')).toBe('2026-01-10');
    expect(localDate(Date.parse('2026-01-09T18:14:00Z'), 'Asia/Kathmandu')).toBe('2026-01-09');
    expect(localDate(Date.parse('2026-01-09T18:15:00Z'), 'Asia/Kathmandu')).toBe('2026-01-10');
  });

  it('follows daylight saving time on the days the clocks change', () => {
    // New York springs forward on 2026-03-08: local midnight is 05:00Z before, 04:00Z after.
    expect(localDate(Date.parse('2026-03-08T04:59:00Z'), 'America/New_York')).toBe('2026-03-07');
    expect(localDate(Date.parse('2026-03-08T05:00:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDate(Date.parse('2026-03-09T03:59:00Z'), 'America/New_York')).toBe('2026-03-08');
    expect(localDate(Date.parse('2026-03-09T04:00:00Z'), 'America/New_York')).toBe('2026-03-09');
    // London falls back on 2026-10-25: midnight is 23:00Z the evening before, then 00:00Z.
    expect(localDate(Date.parse('2026-10-24T23:00:00Z'), 'Europe/London')).toBe('2026-10-25');
    expect(localDate(Date.parse('2026-10-25T23:30:00Z'), 'Europe/London')).toBe('2026-10-25');
  });

  it('falls back to UTC for a zone the runtime does not know', () => {
    expect(timeZoneOrUtc('Europe/Paris')).toBe('Europe/Paris');
    expect(timeZoneOrUtc('Mars/Olympus_Mons')).toBe('UTC');
  });
});

describe('streaks', () => {
  const run = (end: string, length: number) => Array.from({ length }, (_, i) => addDays(end, -i));

  it('counts a streak that ends today', () => {
    expect(computeStreaks(run('2026-03-10', 4), '2026-03-10')).toEqual({ current: 4, longest: 4 });
  });

  it('keeps the streak alive while today has no activity yet', () => {
    expect(computeStreaks(run('2026-03-09', 3), '2026-03-10')).toEqual({ current: 3, longest: 3 });
  });

  it('breaks the current streak after a missed day but remembers the longest', () => {
    const dates = [...run('2026-02-20', 6), ...run('2026-03-08', 2)];
    expect(computeStreaks(dates, '2026-03-10')).toEqual({ current: 0, longest: 6 });
    expect(computeStreaks([...dates, '2026-03-10'], '2026-03-10')).toEqual({ current: 1, longest: 6 });
  });

  it('handles no activity, duplicates, any order and runs across month and year ends', () => {
    expect(computeStreaks([], '2026-03-10')).toEqual({ current: 0, longest: 0 });
    expect(computeStreaks(['2027-01-01', '2026-12-31', '2026-12-31', '2026-12-30'], '2027-01-01')).toEqual({ current: 3, longest: 3 });
    expect(computeStreaks(['2028-02-28', '2028-03-01', '2028-02-29'], '2028-03-02')).toEqual({ current: 3, longest: 3 });
  });

  it('counts local evenings across a DST change as consecutive days', () => {
    // 23:30 every evening in New York, 2026-03-05 to 2026-03-10: UTC gaps are 23 h over the change.
    const instants = ['2026-03-06T04:30Z', '2026-03-07T04:30Z', '2026-03-08T04:30Z', '2026-03-09T03:30Z', '2026-03-10T03:30Z', '2026-03-11T03:30Z'];
    const dates = instants.map((t) => localDate(Date.parse(t), 'America/New_York'));
    expect(dates).toEqual(['2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08', '2026-03-09', '2026-03-10']);
    expect(computeStreaks(dates, '2026-03-11')).toEqual({ current: 6, longest: 6 });
    // Read in UTC, the same evenings fall a day later: days must come from the learner's zone.
    expect(instants.map((t) => localDate(Date.parse(t), 'UTC'))[0]).toBe('2026-03-06');
  });
});

describe('activity range', () => {
  it('defaults to the 365 days ending today', () => {
    expect(resolveRange({}, '2026-03-10')).toEqual({ from: '2025-03-11', to: '2026-03-10' });
    expect(resolveRange({ to: '2026-01-31' }, '2026-03-10')).toEqual({ from: '2025-02-01', to: '2026-01-31' });
    expect(resolveRange({ from: '2026-03-01' }, '2026-03-10')).toEqual({ from: '2026-03-01', to: '2026-03-10' });
  });

  it('allows up to 366 days and refuses reversed, longer or impossible ranges', () => {
    expect(resolveRange({ from: '2028-01-01', to: '2028-12-31' }, '2026-03-10')).toEqual({ from: '2028-01-01', to: '2028-12-31' });
    expect(() => resolveRange({ from: '2026-01-01', to: '2027-01-02' }, '2026-03-10')).toThrow(/366 days/);
    expect(() => resolveRange({ from: '2026-03-02', to: '2026-03-01' }, '2026-03-10')).toThrow(/must not come after/);
    expect(() => resolveRange({ from: '2026-02-30' }, '2026-03-10')).toThrow(/not a calendar date/);
  });
});
