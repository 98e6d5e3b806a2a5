/**
 * A year of activity as an SVG grid, one square per day (weeks across, weekdays down), drawn on
 * the server. Levels differ in filled area as well as shade, each day has a tooltip, and a text
 * summary and key say the same in words, so nothing depends on colour alone.
 */
import type { ComponentChildren } from 'preact';
import { addDays, daysBetween, weekdayOf } from '../shared/calendar-date.js';

export interface HeatmapProps {
  from: string;
  to: string;
  days: { date: string; count: number }[];
}

const CELL = 11;
const PITCH = 14;
const LEFT = 30;
const TOP = 18;
/** Level of a day's count; the key below names the ranges. */
export function levelOf(count: number): number {
  if (count <= 0) return 0;
  if (count === 1) return 1;
  if (count < 4) return 2;
  if (count < 8) return 3;
  return 4;
}
const LEVEL_LABELS = ['none', '1', '2–3', '4–7', '8 or more'];
const OPACITY = [0, 0.35, 0.55, 0.8, 1];
const WEEKDAYS: [number, string][] = [
  [1, 'Mon'],
  [3, 'Wed'],
  [5, 'Fri'],
];

const monthName = new Intl.DateTimeFormat('en-US', { month: 'short', timeZone: 'UTC' });
const longDate = new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });
const at = (date: string) => new Date(`${date}T00:00:00Z`);

export const plural = (n: number, word: string) => `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;

/** One day: an outlined box when empty, otherwise a filled square that grows with the level. */
function DaySquare({ x, y, level, children }: { x: number; y: number; level: number; children?: ComponentChildren }) {
  if (level === 0) {
    return (
      <rect x={x + 0.5} y={y + 0.5} width={CELL - 1} height={CELL - 1} rx="2" fill="none" stroke="currentColor" stroke-opacity="0.35" data-level="0">
        {children}
      </rect>
    );
  }
  const inset = 4 - level;
  const size = CELL - 2 * inset;
  return (
    <rect x={x + inset} y={y + inset} width={size} height={size} rx="2" fill="currentColor" fill-opacity={OPACITY[level]} data-level={level}>
      {children}
    </rect>
  );
}

export function ActivityHeatmap({ from, to, days }: HeatmapProps) {
  const counts = new Map(days.map((d) => [d.date, d.count]));
  const firstSunday = addDays(from, -weekdayOf(from));
  const weeks = Math.floor(daysBetween(firstSunday, to) / 7) + 1;
  const width = LEFT + weeks * PITCH;
  const height = TOP + 7 * PITCH;
  const cells = [];
  const months = [];
  let lastLabelWeek = -3;
  for (let date = from; date <= to; date = addDays(date, 1)) {
    const offset = daysBetween(firstSunday, date);
    const week = Math.floor(offset / 7);
    const count = counts.get(date) ?? 0;
    const x = LEFT + week * PITCH;
    if ((date === from || date.endsWith('-01')) && week - lastLabelWeek >= 3) {
      months.push(
        <text class="heatmap-label" x={x} y={TOP - 6} font-size="10" fill="currentColor">
          {monthName.format(at(date))}
        </text>,
      );
      lastLabelWeek = week;
    }
    cells.push(
      <DaySquare x={x} y={TOP + (offset % 7) * PITCH} level={levelOf(count)}>
        <title>{`${count === 0 ? 'No status changes' : plural(count, 'status change')} on ${longDate.format(at(date))}`}</title>
      </DaySquare>,
    );
  }
  const total = days.reduce((sum, d) => sum + d.count, 0);
  const busiest = days.reduce<{ date: string; count: number } | null>((best, d) => (!best || d.count > best.count ? d : best), null);
  return (
    <figure class="heatmap" data-heatmap>
      {/* Scrolls sideways on narrow screens rather than shrinking the squares out of sight. */}
      <div class="heatmap-scroll" tabIndex={0} role="region" aria-label="Activity heatmap, scrollable">
        <svg
          class="heatmap-svg"
          role="img"
          aria-labelledby="heatmap-title"
          aria-describedby="heatmap-summary"
          viewBox={`0 0 ${width} ${height}`}
          width="100%"
          preserveAspectRatio="xMinYMin meet"
        >
          <title id="heatmap-title">{`Activity from ${longDate.format(at(from))} to ${longDate.format(at(to))}`}</title>
          {months}
          {WEEKDAYS.map(([row, label]) => (
            <text class="heatmap-label" x="0" y={TOP + row * PITCH + CELL - 2} font-size="10" fill="currentColor">
              {label}
            </text>
          ))}
          {cells}
        </svg>
      </div>
      <figcaption>
        <p id="heatmap-summary" data-heatmap-summary>
          {total === 0
            ? 'No status changes in this period.'
            : `${plural(total, 'status change')} on ${plural(days.length, 'day')} between ${longDate.format(at(from))} and ${longDate.format(at(to))}.`}
          {busiest ? ` Busiest day: ${longDate.format(at(busiest.date))}, with ${plural(busiest.count, 'change')}.` : null}
        </p>
        <p class="heatmap-legend">
          Key, status changes per day:{' '}
          {LEVEL_LABELS.map((label, level) => (
            <span class="heatmap-key" data-level={level}>
              <svg width={CELL} height={CELL} viewBox={`0 0 ${CELL} ${CELL}`} aria-hidden="true">
                <DaySquare x={0} y={0} level={level} />
              </svg>{' '}
              {label}
              {level < LEVEL_LABELS.length - 1 ? ', ' : '.'}
            </span>
          ))}
        </p>
      </figcaption>
    </figure>
  );
}
