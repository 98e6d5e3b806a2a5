// Team exports as CSV files a manager opens straight in Excel or LibreOffice: UTF-8 with a BOM (or Excel
// mangles accents), CRLF line endings, and every text cell neutralised so a member's name cannot run a formula.
import { stringify } from 'csv-stringify/sync';
import { percentComplete as percent } from '../../shared/progress-rules.js';

export interface ProgressMatrix {
  roadmaps: { id: string; title: string; sections: { id: string; title: string; total: number; optional: boolean }[] }[];
  members: {
    userId: string;
    name: string;
    lastActiveAt: string | null;
    roadmaps: Record<
      string,
      { done: number; learning: number; skipped: number; total: number; sections: Record<string, { done: number; total: number }> }
    >;
  }[];
}

export interface ActivityRow {
  at: string;
  name: string;
  roadmapTitle: string;
  topicTitle: string;
  status: string;
}

type Cell = string | number;

const FORMULA_START = new Set(['=', '+', '-', '@', '\t', '\r']);

/**
 * A cell a spreadsheet shows as text: values starting with = + - @ tab or CR are prefixed with a single quote
 * (OWASP's CSV injection advice). Numbers stay numbers, so -3 is still a number; null becomes an empty cell.
 */
export function safeCell(value: string | number | null): Cell {
  if (value === null) return '';
  if (typeof value === 'number') return value;
  return FORMULA_START.has(value.charAt(0)) ? `'${value}` : value;
}

const ZONED_ISO = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/i;

// Timestamps with an explicit zone become canonical UTC ISO strings so a column sorts as text; anything else is
// written as given rather than guessed at in the server's local time zone.
function isoCell(value: string | null): Cell {
  if (value === null) return '';
  const ms = ZONED_ISO.test(value) ? Date.parse(value.replace(' ', 'T')) : NaN;
  return safeCell(Number.isNaN(ms) ? value : new Date(ms).toISOString());
}

function toCsv(header: Cell[], rows: Cell[][]): Buffer {
  const text = stringify([header.map(safeCell), ...rows], {
    bom: true,
    record_delimiter: 'windows',
    // csv-stringify turns this off when record_delimiter is set, which would leave a lone \n or \r unquoted.
    quote_record_delimiter: true,
  });
  return Buffer.from(text, 'utf8');
}

/**
 * One row per member: name, last active, then per roadmap: done, learning, skipped, total, percent (of done and
 * skipped, as every page counts), then two
 * number columns per section, done and total (optional sections marked in the header). Not "3/4" in one cell:
 * spreadsheets read that as a date. A member with no progress on a
 * roadmap gets zeros against the sum of its section totals.
 */
export function progressCsv(matrix: ProgressMatrix): Buffer {
  const header: Cell[] = ['Name', 'Last active'];
  for (const roadmap of matrix.roadmaps) {
    header.push(`${roadmap.title}: done`, `${roadmap.title}: learning`, `${roadmap.title}: skipped`, `${roadmap.title}: total`);
    header.push(`${roadmap.title}: percent`);
    for (const section of roadmap.sections) {
      const name = `${roadmap.title}: ${section.title}${section.optional ? ' (optional)' : ''}`;
      header.push(`${name}: done`, `${name}: total`);
    }
  }
  const rows = matrix.members.map((member) => {
    const row: Cell[] = [safeCell(member.name), isoCell(member.lastActiveAt)];
    for (const roadmap of matrix.roadmaps) {
      const progress = member.roadmaps[roadmap.id];
      const total = progress?.total ?? roadmap.sections.reduce((sum, section) => sum + section.total, 0);
      const done = progress?.done ?? 0;
      const skipped = progress?.skipped ?? 0;
      row.push(done, progress?.learning ?? 0, skipped, total, percent(done + skipped, total));
      for (const section of roadmap.sections) {
        const counts = progress?.sections[section.id];
        row.push(counts?.done ?? 0, counts?.total ?? section.total);
      }
    }
    return row;
  });
  return toCsv(header, rows);
}

/** The activity feed, newest first as given: time, member, roadmap, topic, status. */
export function activityCsv(rows: ActivityRow[]): Buffer {
  return toCsv(
    ['Time', 'Member', 'Roadmap', 'Topic', 'Status'],
    rows.map((row) => [isoCell(row.at), safeCell(row.name), safeCell(row.roadmapTitle), safeCell(row.topicTitle), safeCell(row.status)]),
  );
}
