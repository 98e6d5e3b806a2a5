/**
 * Each learner's progress on a roadmap, kept in memory after the first read: reading it again
 * costs no query, and the JSON answer is made once per change. A write updates the cached copy
 * only after it commits, and tells the other instances (through the change feed) to forget theirs.
 */
import { etagOf } from '../../http/cached-body.js';
import type { ChangeFeed } from '../../infra/change-feed.js';
import { UserCache } from '../../infra/user-cache.js';
import { isNewer, type TopicEntries } from './progress-document.js';
import type { Counts, ProgressEntry } from './schema.js';

export interface CachedProgress {
  userId: string;
  roadmapId: string;
  /** Topic id → entry, retired ids already under their successors. */
  entries: TopicEntries;
  /** Counts over the roadmap's current topics, kept up to date with `entries`. */
  counts: Counts;
  /** The document as JSON and its ETag, made on the first read after a change. */
  json?: { body: string; etag: string };
}

/** About 25 KB each for a roadmap of 200 topics, so at most some 50 MB. */
const MAX_ENTRIES = 2_000;
/** A safety net only: writes are announced, so a copy is never trusted longer than this. */
const TTL_MS = 5 * 60_000;

export class ProgressCache {
  private readonly cache = new UserCache<CachedProgress>({ max: MAX_ENTRIES, ttlMs: TTL_MS, ownerOf: (p) => p.userId });

  constructor(private readonly feed: ChangeFeed) {
    feed.subscribe((change) => {
      if (!change) this.cache.clear();
      else this.cache.forgetUser(change.userId);
    });
  }

  /** The cached progress, or what `read` finds (kept unless the user wrote meanwhile). */
  async load(userId: string, roadmapId: string, read: () => Promise<Pick<CachedProgress, 'entries' | 'counts'>>): Promise<CachedProgress> {
    const loaded = await this.cache.load(keyOf(userId, roadmapId), async () => ({ userId, roadmapId, ...(await read()) }), userId);
    // `read` always gives a value, so `load` does too.
    return loaded as CachedProgress;
  }

  /**
   * Records committed writes in the cached copy and in `progress`, the copy the writer started
   * from (the same one, unless it was read while another write committed). Per topic the newer
   * entry wins and a tie goes to the later write, as in the database. `counted` tells which
   * ids the counts include (the roadmap's current topics).
   */
  committed(progress: CachedProgress, writes: [string, ProgressEntry][], counted: (id: string) => boolean): void {
    const cached = this.cache.get(keyOf(progress.userId, progress.roadmapId));
    for (const copy of cached && cached !== progress ? [progress, cached] : [progress]) {
      for (const [id, entry] of writes) {
        const stored = copy.entries.get(id);
        if (stored && isNewer(stored, entry)) continue;
        copy.entries.set(id, entry);
        if (!counted(id)) continue;
        if (stored && stored.status !== 'pending') copy.counts[stored.status] -= 1;
        if (entry.status !== 'pending') copy.counts[entry.status] += 1;
      }
      delete copy.json;
    }
    this.cache.changed(progress.userId);
    this.feed.publish('progress', progress.userId);
  }

  /** Forgets the user's progress here and in the other instances (after a reset or a merge). */
  forget(userId: string): void {
    this.cache.forgetUser(userId);
    this.feed.publish('progress', userId);
  }
}

function keyOf(userId: string, roadmapId: string): string {
  return `${userId}\n${roadmapId}`;
}

/** The JSON answer for cached progress, made once per change. */
export function progressJson(progress: CachedProgress, toDocument: (p: CachedProgress) => object): { body: string; etag: string } {
  if (!progress.json) {
    const body = JSON.stringify(toDocument(progress));
    progress.json = { body, etag: etagOf(body) };
  }
  return progress.json;
}
