/**
 * Synced progress: read, set one status, merge a guest document, reset. Every write and the
 * activity rows the database adds for it commit together before the caller answers; reads come from the progress cache,
 * which learns of each write after it commits. No HTTP in here.
 */
import type { AppServices } from '../../app.js';
import { roadmapsInOrder, type Content, type Roadmap } from '../../content/roadmap-model.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { progressJson, type CachedProgress, type ProgressCache } from './progress-cache.js';
import { countEntries, currentTopicId, entriesFromRows, isNewer, timeOf, type TopicEntries } from './progress-document.js';
import { ProgressRepository, type ProgressRow } from './progress-repository.js';
import type { ProgressWriter } from './progress-writer.js';
import type { Counts, MergeBody, ProgressDocument, ProgressEntry, Status } from './schema.js';

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

export class ProgressService {
  private readonly db: Database;
  private readonly content: Content;
  private readonly cache: ProgressCache;
  private readonly writer: ProgressWriter;

  constructor(services: Pick<AppServices, 'db' | 'content' | 'progressCache' | 'progressWriter'>) {
    this.db = services.db;
    this.content = services.content;
    this.cache = services.progressCache;
    this.writer = services.progressWriter;
  }

  /** The roadmap with this id, or a 404. */
  roadmap(roadmapId: string): Roadmap {
    const roadmap = this.content.roadmaps.get(roadmapId);
    if (!roadmap) throw new AppError('not_found', `There is no roadmap "${roadmapId}".`);
    return roadmap;
  }

  async get(userId: string, roadmapId: string): Promise<ProgressDocument> {
    const roadmap = this.roadmap(roadmapId);
    const { entries, counts } = await this.progressOf(userId, roadmap);
    return documentOf(roadmap, entries, { ...counts });
  }

  /** The same document as JSON with its ETag, serialized once per change. */
  async json(userId: string, roadmapId: string): Promise<{ body: string; etag: string }> {
    const roadmap = this.roadmap(roadmapId);
    return progressJson(await this.progressOf(userId, roadmap), (p) => documentOf(roadmap, p.entries, p.counts));
  }

  /**
   * Sets one topic's status; a retired id is applied to its successor. The database logs an
   * activity when the status changes. Answers once the write has committed.
   */
  async setStatus(userId: string, roadmapId: string, topicId: string, status: Status, now = new Date()): Promise<StatusChange> {
    const roadmap = this.roadmap(roadmapId);
    const id = currentTopicId(roadmap, topicId);
    if (!id) throw new AppError('not_found', `The roadmap "${roadmap.id}" has no topic "${topicId}".`);
    const progress = await this.progressOf(userId, roadmap);
    const updatedAt = now.toISOString();
    await this.writer.write({ user_id: userId, roadmap_id: roadmap.id, topic_id: id, status, updated_at: updatedAt });
    this.cache.committed(progress, [[id, { status, updatedAt }]], (topic) => roadmap.topics.has(topic));
    return { roadmapId: roadmap.id, topicId: id, status, updatedAt, counts: { ...progress.counts } };
  }

  private progressOf(userId: string, roadmap: Roadmap): Promise<CachedProgress> {
    return this.cache.load(userId, roadmap.id, async () => {
      const entries = entriesFromRows(roadmap, await new ProgressRepository(this.db).listForRoadmap(userId, roadmap.id));
      return { entries, counts: countEntries(roadmap, entries) };
    });
  }

  /**
   * Merges a document (a guest's browser progress) into the stored one: per topic the newer
   * update wins, times in the future count as now, and ids the roadmap does not know are ignored.
   * Each change of status is logged (by the database) at the time it was made, so the heatmap
   * shows when the learning happened.
   */
  async merge(userId: string, roadmapId: string, topics: MergeBody['topics'], now = new Date()): Promise<ProgressDocument> {
    const roadmap = this.roadmap(roadmapId);
    const incoming = incomingEntries(roadmap, topics, now);
    const merged = await this.db.transaction().execute(async (trx) => {
      const progress = new ProgressRepository(trx);
      const entries = entriesFromRows(roadmap, await progress.listForRoadmap(userId, roadmap.id));
      const writes: ProgressRow[] = [];
      for (const [id, entry] of incoming) {
        if (!isNewer(entry, entries.get(id))) continue;
        writes.push({ user_id: userId, roadmap_id: roadmap.id, topic_id: id, status: entry.status, updated_at: entry.updatedAt });
        entries.set(id, entry);
      }
      await progress.upsert(writes);
      return documentOf(roadmap, entries);
    });
    // Read and written inside the transaction, so the next read starts afresh from the database.
    this.cache.forget(userId);
    return merged;
  }

  /** Forgets the user's progress on one roadmap; the activity log stays. */
  async reset(userId: string, roadmapId: string): Promise<void> {
    const roadmap = this.roadmap(roadmapId);
    await new ProgressRepository(this.db).deleteForRoadmap(userId, roadmap.id);
    this.cache.forget(userId);
  }

  /** Counts per roadmap the user has marked at least one topic of, in the home page's order. */
  async summaries(userId: string): Promise<RoadmapProgressSummary[]> {
    const rows = await new ProgressRepository(this.db).listForUser(userId);
    const roadmaps = roadmapsInOrder(this.content);
    const summaries: RoadmapProgressSummary[] = [];
    for (const roadmap of roadmaps) {
      const own = rows.filter((row) => row.roadmap_id === roadmap.id);
      const counts = countEntries(roadmap, entriesFromRows(roadmap, own));
      if (counts.done + counts.learning + counts.skipped === 0) continue;
      summaries.push({ roadmapId: roadmap.id, title: roadmap.meta.title, ...counts });
    }
    return summaries;
  }
}

function documentOf(roadmap: Roadmap, entries: TopicEntries, counts = countEntries(roadmap, entries)): ProgressDocument {
  return { roadmapId: roadmap.id, topics: Object.fromEntries(entries), counts };
}

/** Incoming entries keyed by current id: unknown and removed ids dropped, future times clamped, newer wins on collisions. */
function incomingEntries(roadmap: Roadmap, topics: MergeBody['topics'], now: Date): TopicEntries {
  const entries: TopicEntries = new Map();
  for (const [rawId, raw] of Object.entries(topics)) {
    const id = currentTopicId(roadmap, rawId);
    if (!id) continue;
    const entry: ProgressEntry = { status: raw.status, updatedAt: new Date(Math.min(timeOf(raw.updatedAt), now.getTime())).toISOString() };
    if (isNewer(entry, entries.get(id))) entries.set(id, entry);
  }
  return entries;
}
