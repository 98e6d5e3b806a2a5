/**
 * The rules of progress, shared by the server, the views and the browser: the statuses, which
 * current topic a stored id stands for (retired ids follow their successors), newer-wins merging,
 * what counts toward "N of M done", and the size limits. No dependencies, so every side imports
 * the same code. Stored ids are never rewritten, so progress survives any content change.
 */
import { isId } from './ids.js';

export const STATUSES = ['pending', 'learning', 'done', 'skipped'] as const;
export type Status = (typeof STATUSES)[number];

export interface ProgressEntry {
  status: Status;
  /** ISO 8601 time the status was set. */
  updatedAt: string;
}

/** Topic id → entry. A Map, so that no id can collide with object built-ins. */
export type TopicEntries = Map<string, ProgressEntry>;

/** The most entries one progress document (or one merge) may hold: far above any roadmap. */
export const MAX_PROGRESS_ENTRIES = 2000;

/** What a roadmap tells the rules: its current topics and its retired ids. */
export interface TopicIndex {
  /** Current topic ids, in learning order. */
  readonly ids: readonly string[];
  has(id: string): boolean;
  /** The successor of a retired id (null when it was removed); undefined when `id` was never retired. */
  retiredTo(id: string): string | null | undefined;
}

/** Builds the index from a roadmap's current ids and its retired map (already resolved through chains). */
export function topicIndex(
  ids: readonly string[],
  retired: Readonly<Record<string, string | null>> | ReadonlyMap<string, string | null>,
): TopicIndex {
  const current = new Set(ids);
  const lookup = retired instanceof Map ? retired : new Map(Object.entries(retired));
  return { ids, has: (id) => current.has(id), retiredTo: (id) => lookup.get(id) };
}

export function isStatus(value: unknown): value is Status {
  return typeof value === 'string' && (STATUSES as readonly string[]).includes(value);
}

/** The current id that `id` stands for: itself, its successor when retired, or null when the roadmap has no such topic. */
export function currentTopicId(index: TopicIndex, id: string): string | null {
  if (index.has(id)) return id;
  return index.retiredTo(id) ?? null;
}

/** True when `id` names a topic that was removed (retired with no successor). */
export function isRemovedTopic(index: TopicIndex, id: string): boolean {
  return !index.has(id) && index.retiredTo(id) === null;
}

/** Milliseconds since the epoch; an unreadable time sorts oldest. */
export function timeOf(iso: string): number {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? 0 : time;
}

/** True when `entry` was set strictly later than `than`; on a tie what is stored stays. */
export function isNewer(entry: ProgressEntry, than: ProgressEntry | undefined): boolean {
  return !than || timeOf(entry.updatedAt) > timeOf(than.updatedAt);
}

/**
 * Cleans entries from anywhere (stored rows, browser storage, an imported file): drops malformed
 * ids and unknown statuses, moves a retired id to its successor (the newer entry wins), and keeps
 * ids the roadmap does not know under their own id, so they come back if the topic does.
 * With `now`, times in the future count as now.
 */
export function normalizeEntries(raw: Iterable<readonly [string, unknown]>, index: TopicIndex, now?: Date): TopicEntries {
  const entries: TopicEntries = new Map();
  for (const [id, value] of raw) {
    if (entries.size >= MAX_PROGRESS_ENTRIES) break;
    if (!isId(id) || value === null || typeof value !== 'object') continue;
    const { status, updatedAt } = value as Record<string, unknown>;
    if (!isStatus(status)) continue;
    let time = typeof updatedAt === 'string' ? timeOf(updatedAt) : 0;
    if (now && time > now.getTime()) time = now.getTime();
    const entry: ProgressEntry = { status, updatedAt: new Date(time).toISOString() };
    const target = currentTopicId(index, id) ?? id;
    if (isNewer(entry, entries.get(target))) entries.set(target, entry);
  }
  return entries;
}

/** Entries of a plain `{id: entry}` object (browser storage, JSON bodies), normalised. */
export function entriesOfRecord(record: unknown, index: TopicIndex, now?: Date): TopicEntries {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return new Map();
  return normalizeEntries(Object.entries(record), index, now);
}

/** Merges `incoming` into `base` per topic, the newer update winning; returns the changed ids. */
export function mergeEntries(base: TopicEntries, incoming: TopicEntries): string[] {
  const changed: string[] = [];
  for (const [id, entry] of incoming) {
    if (!isNewer(entry, base.get(id))) continue;
    base.set(id, entry);
    changed.push(id);
  }
  return changed;
}

export interface Counts {
  done: number;
  learning: number;
  skipped: number;
  /** Done plus skipped: what counts toward "N of M done". */
  complete: number;
  /** Topics counted over (the roadmap's current topics, or a section's). */
  total: number;
  /** `complete` as a whole percentage, rounded down so that 100 means everything. */
  percent: number;
}

/** Done and skipped topics as a whole percentage of `total`, rounded down so that 100 means everything. */
export function percentComplete(complete: number, total: number): number {
  return total === 0 ? 0 : Math.floor((complete * 100) / total);
}

/** Counts statuses over `ids` (by default every current topic): retired, removed and unknown ids never count. */
export function countEntries(index: TopicIndex, entries: TopicEntries, ids: readonly string[] = index.ids): Counts {
  let done = 0;
  let learning = 0;
  let skipped = 0;
  for (const id of ids) {
    if (!index.has(id)) continue;
    const status = entries.get(id)?.status;
    if (status === 'done') done++;
    else if (status === 'learning') learning++;
    else if (status === 'skipped') skipped++;
  }
  const complete = done + skipped;
  const total = ids.filter((id) => index.has(id)).length;
  return { done, learning, skipped, complete, total, percent: percentComplete(complete, total) };
}

/** The status of one topic (pending when never set). */
export function statusOf(entries: TopicEntries, id: string): Status {
  return entries.get(id)?.status ?? 'pending';
}
