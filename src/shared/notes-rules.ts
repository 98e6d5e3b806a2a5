/**
 * The rules of private notes and resource checks, shared by the server and the browser: the size
 * limits, and which copy wins when a browser's copy meets the account's (the newer one; a tie
 * keeps what is stored). No dependencies.
 */
import { timeOf } from './progress-rules.js';

/** The most one note may hold, in bytes of UTF-8. */
export const NOTE_MAX_BYTES = 20 * 1024;
/** The most notes one account may keep, across roadmaps. */
export const MAX_NOTES = 2000;

export interface StoredNote {
  markdown: string;
  /** ISO 8601 time the note was last changed. */
  updatedAt: string;
}

export interface StoredChecks {
  /** URLs of the topic's resources that are checked off. */
  checked: string[];
  updatedAt: string;
}

export function noteBytes(markdown: string): number {
  return new TextEncoder().encode(markdown).length;
}

/** The message shown when a note is over the limit; null when it fits. */
export function noteSizeProblem(markdown: string): string | null {
  const bytes = noteBytes(markdown);
  if (bytes <= NOTE_MAX_BYTES) return null;
  return `This note is ${Math.ceil(bytes / 1024)} KB; a note may hold at most ${NOTE_MAX_BYTES / 1024} KB. Shorten it to save it.`;
}

/** True when `copy` was changed strictly later than `than`. */
export function isNewerCopy(copy: { updatedAt: string }, than: { updatedAt: string } | undefined): boolean {
  return !than || timeOf(copy.updatedAt) > timeOf(than.updatedAt);
}

/** "2 of 5 resources". */
export function checkedLabel(checked: number, total: number): string {
  return `${checked} of ${total} ${total === 1 ? 'resource' : 'resources'}`;
}

/** A short plain-text extract of a note, for lists. */
export function noteExcerpt(markdown: string, length = 160): string {
  const text = markdown
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/[*_`~]+/g, '')
    .replace(/^\s*(?:[#>-]+|\d+\.)\s+/gm, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
  return text.length <= length ? text : `${text.slice(0, length - 1).trimEnd()}…`;
}
