/**
 * Synced progress: read, set one status, merge a guest document, reset. Every write and the
 * activity rows the database adds for it commit together before the caller answers; reads come
 * from the progress cache, which learns of each write after it commits. The rules themselves
 * (retired ids, newer wins, what counts) are the shared ones in shared/progress-rules.ts.
 * No HTTP in here.
 */
import type { AppServices } from '../../app-services.js';
import type { CatalogEntry } from '../../catalog/catalog-entry.js';
import type { Roadmap } from '../../content/roadmap-model.js';
import { AppError } from '../../errors.js';
import type { CachedBody } from '../../http/cached-body.js';
import {
  countEntries,
  currentTopicId,
  entriesOfRecord,
  isRemovedTopic,
  isNewer,
  normalizeEntries,
  type Counts,
  type Status,
  type TopicEntries,
} from '../../shared/progress-rules.js';
import { progressBody, type CachedProgress } from './progress-cache.js';
import { ProgressRepository, type ProgressRow, type StoredProgress } from './progress-repository.js';
import type { MergeBody, ProgressDocument } from './schema.js';

export interface StatusChange {
  roadmapId: string;
  topicId: string;
  status: Status;
  updatedAt: string;
  counts: Counts;
}

export interface RoadmapProgressSummary extends Counts {
  roadmapId: string;
  title: string;
}

type Services = Pick<AppServices, 'db' | 'catalog' | 'progressCache' | 'progressWriter'>;

function entriesOfRows(roadmap: Roadmap, rows: StoredProgress[]): TopicEntries {
  return normalizeEntries(
    rows.map((row) => [row.topic_id, { status: row.status, updatedAt: row.updated_at }] as const),
    roadmap.index,
  );
}

export class ProgressService {
  constructor(private readonly services: Services) {}

  /** The roadmap as this user may see it, or a 404 (private roadmaps of others look like none at all). */
  async roadmap(userId: string, roadmapId: string): Promise<CatalogEntry> {
    const entry = await this.services.catalog.get(roadmapId, { userId });
    if (!entry) throw new AppError('not_found', `There is no roadmap "${roadmapId}".`);
    return entry;
  }

  async get(userId: string, roadmapId: string): Promise<ProgressDocument> {
    const { roadmap } = await this.roadmap(userId, roadmapId);
    const { entries, counts } = await this.progressOf(userId, roadmap);
    return documentOf(roadmap, entries, counts);
  }

  /** The same document as a body ready to send (JSON with its ETag, compressed), made once per change. */
  async body(userId: string, roadmapId: string): Promise<CachedBody> {
    const { roadmap } = await this.roadmap(userId, roadmapId);
    return progressBody(await this.progressOf(userId, roadmap), (p) => documentOf(roadmap, p.entries, p.counts));
  }

  /**
   * Sets one topic's status; a retired id is applied to its successor, a removed one is `gone`.
   * The database logs an activity when the status changes. Answers once the write has committed.
   */
  async setStatus(userId: string, roadmapId: string, topicId: string, status: Status, now = new Date()): Promise<StatusChange> {
    const { roadmap } = await this.roadmap(userId, roadmapId);
    const id = currentTopicId(roadmap.index, topicId);
    if (!id) {
      if (isRemovedTopic(roadmap.index, topicId)) throw new AppError('gone', `The topic "${topicId}" was removed from the roadmap "${roadmap.id}".`);
      throw new AppError('not_found', `The roadmap "${roadmap.id}" has no topic "${topicId}".`);
    }
    const progress = await this.progressOf(userId, roadmap);
    const updatedAt = now.toISOString();
    await this.services.progressWriter.write({ user_id: userId, roadmap_id: roadmap.id, topic_id: id, status, updated_at: updatedAt });
    this.services.progressCache.committed(progress, [[id, { status, updatedAt }]], (entries) => countEntries(roadmap.index, entries));
    return { roadmapId: roadmap.id, topicId: id, status, updatedAt, counts: { ...progress.counts } };
  }

  /** The user's progress on this roadmap version, from memory when it is there. */
  progressOf(userId: string, roadmap: Roadmap): Promise<CachedProgress> {
    return this.services.progressCache.load(userId, roadmap.id, roadmap.hash, async () => {
      const entries = entriesOfRows(roadmap, await new ProgressRepository(this.services.db).listForRoadmap(userId, roadmap.id));
      return { entries, counts: countEntries(roadmap.index, entries) };
    });
  }

  /**
   * Merges a document (a guest's browser progress) into the stored one: per topic the newer
   * update wins, times in the future count as now, and ids the roadmap does not know are ignored.
   * Only real changes are written, and each is logged (by the database) at the time it was made,
   * so the heatmap shows when the learning happened.
   */
  async merge(userId: string, roadmapId: string, topics: MergeBody['topics'], now = new Date()): Promise<ProgressDocument & { merged: number }> {
    const { roadmap } = await this.roadmap(userId, roadmapId);
    const incoming = entriesOfRecord(topics, roadmap.index, now);
    for (const id of [...incoming.keys()]) if (!roadmap.index.has(id)) incoming.delete(id);
    const merged = await this.services.db.transaction().execute(async (trx) => {
      const progress = new ProgressRepository(trx);
      const entries = entriesOfRows(roadmap, await progress.listForRoadmap(userId, roadmap.id));
      const writes: ProgressRow[] = [];
      for (const [id, entry] of incoming) {
        const stored = entries.get(id);
        // Only real changes: a newer entry with the same status changes nothing a person would see.
        if (!isNewer(entry, stored) || (stored?.status ?? 'pending') === entry.status) continue;
        entries.set(id, entry);
        writes.push({ user_id: userId, roadmap_id: roadmap.id, topic_id: id, status: entry.status, updated_at: entry.updatedAt });
      }
      await progress.upsert(writes);
      return { ...documentOf(roadmap, entries), merged: writes.length };
    });
    // Read and written inside the transaction, so the next read starts afresh from the database.
    this.services.progressCache.forget(userId);
    return merged;
  }

  /** Forgets the user's progress on one roadmap; the activity log stays. */
  async reset(userId: string, roadmapId: string): Promise<void> {
    const { roadmap } = await this.roadmap(userId, roadmapId);
    await new ProgressRepository(this.services.db).deleteForRoadmap(userId, roadmap.id);
    this.services.progressCache.forget(userId);
  }

  /**
   * Counts per roadmap the user has marked at least one topic of, official roadmaps first in the
   * home page's order. Only roadmaps anyone may find are included: this feeds public profiles.
   */
  async summaries(userId: string): Promise<RoadmapProgressSummary[]> {
    const rows = await new ProgressRepository(this.services.db).listForUser(userId);
    const byRoadmap = new Map<string, StoredProgress[]>();
    for (const row of rows) byRoadmap.set(row.roadmap_id, [...(byRoadmap.get(row.roadmap_id) ?? []), row]);
    const official = this.services.catalog.officialEntries();
    const others = [...byRoadmap.keys()].filter((id) => !official.some((e) => e.id === id)).sort();
    const summaries: RoadmapProgressSummary[] = [];
    for (const id of [...official.map((e) => e.id), ...others]) {
      const own = byRoadmap.get(id);
      if (!own) continue;
      const entry = await this.services.catalog.get(id);
      if (!entry || entry.visibility !== 'public') continue;
      const counts = countEntries(entry.roadmap.index, entriesOfRows(entry.roadmap, own));
      if (counts.done + counts.learning + counts.skipped === 0) continue;
      summaries.push({ roadmapId: entry.id, title: entry.roadmap.meta.title, ...counts });
    }
    return summaries;
  }
}

function documentOf(roadmap: Roadmap, entries: TopicEntries, counts = countEntries(roadmap.index, entries)): ProgressDocument {
  return { roadmapId: roadmap.id, topics: Object.fromEntries(entries), counts: { ...counts } };
}
