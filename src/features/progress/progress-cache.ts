/**
 * Each learner's progress on a roadmap, kept in memory after the first read: reading it again
 * costs no query, and the JSON answer is made (and compressed) once per change. A write updates
 * the cached copy only after it commits, and tells the other instances (through the change feed)
 * to forget theirs.
 */
import { cacheBody, type CachedBody } from '../../http/cached-body.js';
import type { ChangeFeed } from '../../infra/change-feed.js';
import { UserCache } from '../../infra/user-cache.js';
import { isNewer, type Counts, type ProgressEntry, type TopicEntries } from '../../shared/progress-rules.js';

export interface CachedProgress {
  userId: string;
  roadmapId: string;
  /** The roadmap version the counts were made for; a new version recounts. */
  hash: string;
  /** Topic id → entry, retired ids already under their successors. */
  entries: TopicEntries;
  /** Counts over the roadmap's current topics, kept up to date with `entries`. */
  counts: Counts;
  /** The document as JSON (with its ETag and compressed copies), made on the first read after a change. */
  body?: CachedBody;
}

/** About 25 KB each for a roadmap of 200 topics, so at most some 50 MB. */
const MAX_ENTRIES = 2_000;
/** A safety net only: writes are announced, so a copy is never trusted longer than this. */
const TTL_MS = 5 * 60_000;

export class ProgressCache {
  private readonly cache = new UserCache<CachedProgress>({ max: MAX_ENTRIES, ttlMs: TTL_MS, ownerOf: (p) => p.userId });

  /** Hits and misses since start. */
  get stats(): { hits: number; misses: number } {
    return this.cache.stats;
  }

  constructor(private readonly feed: ChangeFeed) {
    feed.subscribe((change) => {
      if (!change) this.cache.clear();
      else if (change.topic === 'progress' || change.topic === 'credentials') this.cache.forgetUser(change.userId);
    });
  }

  /** The cached progress, or what `read` finds (kept unless the user wrote meanwhile). */
  async load(
    userId: string,
    roadmapId: string,
    hash: string,
    read: () => Promise<Pick<CachedProgress, 'entries' | 'counts'>>,
  ): Promise<CachedProgress> {
    // While news from other instances may be missed, nothing is kept: another instance may be writing.
    if (!this.feed.live()) return { userId, roadmapId, hash, ...(await read()) };
    const key = keyOf(userId, roadmapId);
    const hit = this.cache.get(key);
    if (hit && hit.hash !== hash) this.cache.delete(key);
    const loaded = await this.cache.load(key, async () => ({ userId, roadmapId, hash, ...(await read()) }), userId);
    // `read` always gives a value, so `load` does too.
    return loaded as CachedProgress;
  }

  /**
   * Records committed writes in the cached copy and in `progress`, the copy the writer started
   * from (the same one, unless it was read while another write committed). Per topic the newer
   * entry wins and a tie goes to the later write, as in the database. `recount` gives the counts
   * of the updated entries (the shared rules).
   */
  committed(progress: CachedProgress, writes: [string, ProgressEntry][], recount: (entries: TopicEntries) => Counts): void {
    const cached = this.cache.get(keyOf(progress.userId, progress.roadmapId));
    for (const copy of cached && cached !== progress ? [progress, cached] : [progress]) {
      for (const [id, entry] of writes) {
        const stored = copy.entries.get(id);
        if (!stored || !isNewer(stored, entry)) copy.entries.set(id, entry);
      }
      copy.counts = recount(copy.entries);
      delete copy.body;
    }
    this.cache.changed(progress.userId);
    void this.feed.publish({ topic: 'progress', userId: progress.userId });
  }

  /** Forgets the user's progress here and in the other instances (after a reset or a merge). */
  forget(userId: string): void {
    this.cache.forgetUser(userId);
    void this.feed.publish({ topic: 'progress', userId });
  }
}

function keyOf(userId: string, roadmapId: string): string {
  return `${userId}\n${roadmapId}`;
}

/** The JSON answer for cached progress, made and compressed once per change. */
export function progressBody(progress: CachedProgress, toDocument: (p: CachedProgress) => object): CachedBody {
  progress.body ??= cacheBody(JSON.stringify(toDocument(progress)), 'application/json; charset=utf-8', { fast: true });
  return progress.body;
}
