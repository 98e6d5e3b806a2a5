/**
 * Synced progress: read, set one status, merge a guest document, reset. Every write and its
 * activity rows commit in one transaction before the caller answers. No HTTP in here.
 */
import type { Content, Roadmap } from '../../content/roadmap-model.js';
import type { Database } from '../../db/database.js';
import { AppError } from '../../errors.js';
import { ActivityRepository, type NewActivity } from './activity-repository.js';
import { countEntries, currentTopicId, entriesFromRows, isNewer, timeOf, type TopicEntries } from './progress-document.js';
import { ProgressRepository, type ProgressRow } from './progress-repository.js';
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
  constructor(
    private readonly db: Database,
    private readonly content: Content,
  ) {}

  /** The roadmap with this id, or a 404. */
  roadmap(roadmapId: string): Roadmap {
    const roadmap = this.content.roadmaps.get(roadmapId);
    if (!roadmap) throw new AppError('not_found', `There is no roadmap "${roadmapId}".`);
    return roadmap;
  }

  async get(userId: string, roadmapId: string): Promise<ProgressDocument> {
    const roadmap = this.roadmap(roadmapId);
    const rows = await new ProgressRepository(this.db).listForRoadmap(userId, roadmap.id);
    return documentOf(roadmap, entriesFromRows(roadmap, rows));
  }

  /** Sets one topic's status; a retired id is applied to its successor. Logs an activity when the status changes. */
  async setStatus(userId: string, roadmapId: string, topicId: string, status: Status, now = new Date()): Promise<StatusChange> {
    const roadmap = this.roadmap(roadmapId);
    const id = currentTopicId(roadmap, topicId);
    if (!id) throw new AppError('not_found', `The roadmap "${roadmap.id}" has no topic "${topicId}".`);
    const updatedAt = now.toISOString();
    return this.db.transaction().execute(async (trx) => {
      const progress = new ProgressRepository(trx);
      const entries = entriesFromRows(roadmap, await progress.listForRoadmap(userId, roadmap.id));
      const before = entries.get(id)?.status ?? 'pending';
      await progress.upsert([{ user_id: userId, roadmap_id: roadmap.id, topic_id: id, status, updated_at: updatedAt }]);
      if (before !== status) {
        await new ActivityRepository(trx).insert([{ user_id: userId, roadmap_id: roadmap.id, topic_id: id, status, occurred_at: updatedAt }]);
      }
      entries.set(id, { status, updatedAt });
      return { roadmapId: roadmap.id, topicId: id, status, updatedAt, counts: countEntries(roadmap, entries) };
    });
  }

  /**
   * Merges a document (a guest's browser progress) into the stored one: per topic the newer
   * update wins, times in the future count as now, and ids the roadmap does not know are ignored.
   * Each change of status is logged at the time it was made, so the heatmap shows when the learning happened.
   */
  async merge(userId: string, roadmapId: string, topics: MergeBody['topics'], now = new Date()): Promise<ProgressDocument> {
    const roadmap = this.roadmap(roadmapId);
    const incoming = incomingEntries(roadmap, topics, now);
    return this.db.transaction().execute(async (trx) => {
      const progress = new ProgressRepository(trx);
      const entries = entriesFromRows(roadmap, await progress.listForRoadmap(userId, roadmap.id));
      const writes: ProgressRow[] = [];
      const logged: NewActivity[] = [];
      for (const [id, entry] of incoming) {
        const stored = entries.get(id);
        if (!isNewer(entry, stored)) continue;
        const base = { user_id: userId, roadmap_id: roadmap.id, topic_id: id, status: entry.status };
        writes.push({ ...base, updated_at: entry.updatedAt });
        if ((stored?.status ?? 'pending') !== entry.status) logged.push({ ...base, occurred_at: entry.updatedAt });
        entries.set(id, entry);
      }
      await progress.upsert(writes);
      await new ActivityRepository(trx).insert(logged);
      return documentOf(roadmap, entries);
    });
  }

  /** Forgets the user's progress on one roadmap; the activity log stays. */
  async reset(userId: string, roadmapId: string): Promise<void> {
    const roadmap = this.roadmap(roadmapId);
    await new ProgressRepository(this.db).deleteForRoadmap(userId, roadmap.id);
  }

  /** Counts per roadmap the user has marked at least one topic of, in the home page's order. */
  async summaries(userId: string): Promise<RoadmapProgressSummary[]> {
    const rows = await new ProgressRepository(this.db).listForUser(userId);
    const roadmaps = [...this.content.roadmaps.values()].sort((a, b) => (a.meta.order ?? 999) - (b.meta.order ?? 999) || a.id.localeCompare(b.id));
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

function documentOf(roadmap: Roadmap, entries: TopicEntries): ProgressDocument {
  return { roadmapId: roadmap.id, topics: Object.fromEntries(entries), counts: countEntries(roadmap, entries) };
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
