/**
 * The pure rules of a progress document: which current topic an id stands for, newer-wins,
 * and counting. Stored ids are never rewritten, so progress survives any content change.
 */
import type { Roadmap } from '../../content/roadmap-model.js';
import { STATUSES, type Counts, type ProgressEntry, type Status } from './schema.js';

export interface StoredProgress {
  topic_id: string;
  status: string;
  updated_at: string;
}

/** Topic id → entry; a Map so that no id can collide with object built-ins. */
export type TopicEntries = Map<string, ProgressEntry>;

export function isStatus(value: string): value is Status {
  return (STATUSES as readonly string[]).includes(value);
}

/** The current id that `id` stands for: itself, its successor when retired, or null when the roadmap has no such topic. */
export function currentTopicId(roadmap: Roadmap, id: string): string | null {
  if (roadmap.topics.has(id)) return id;
  return roadmap.retired.get(id) ?? null;
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
 * Builds the topic map from stored rows. A retired id shows under its successor (the newer entry
 * wins when both are stored); ids the roadmap no longer has are kept under their own id.
 */
export function entriesFromRows(roadmap: Roadmap, rows: StoredProgress[]): TopicEntries {
  const entries: TopicEntries = new Map();
  for (const row of rows) {
    if (!isStatus(row.status)) continue;
    const id = currentTopicId(roadmap, row.topic_id) ?? row.topic_id;
    const entry = { status: row.status, updatedAt: row.updated_at };
    if (isNewer(entry, entries.get(id))) entries.set(id, entry);
  }
  return entries;
}

/** Counts done, learning and skipped over the roadmap's current topics only. */
export function countEntries(roadmap: Roadmap, entries: TopicEntries): Counts {
  const counts: Counts = { done: 0, learning: 0, skipped: 0, total: roadmap.order.length };
  for (const [id, entry] of entries) {
    if (!roadmap.topics.has(id) || entry.status === 'pending') continue;
    counts[entry.status] += 1;
  }
  return counts;
}
