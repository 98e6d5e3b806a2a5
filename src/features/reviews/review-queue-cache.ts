/**
 * Today's review queue per account, as last built, with its body ready to send: it changes only
 * when the account's cards do (every write publishes `reviews` for the user, heard by every
 * instance) or when the learner's day ends (the end of the day is part of the key).
 */
import type { CachedBody } from '../../http/cached-body.js';
import type { ChangeFeed } from '../../infra/change-feed.js';
import { UserCache } from '../../infra/user-cache.js';

const MAX_ENTRIES = 10_000;
/** A bound on staleness should a change ever go unheard. */
const TTL_MS = 10 * 60 * 1000;

interface CachedQueue {
  userId: string;
  body: CachedBody;
}

export class ReviewQueueCache {
  private readonly cache = new UserCache<CachedQueue>({ max: MAX_ENTRIES, ttlMs: TTL_MS, ownerOf: (q) => q.userId });

  /** Hits and misses since start. */
  get stats(): { hits: number; misses: number } {
    return this.cache.stats;
  }

  constructor(private readonly feed: ChangeFeed) {
    feed.subscribe(
      (change) => {
        if (!change || change.topic === 'content' || change.topic === 'roadmap') this.cache.clear();
        else if (change.topic === 'reviews' || change.topic === 'credentials') this.cache.forgetUser(change.userId);
      },
      { ownChanges: true },
    );
  }

  async load(userId: string, until: string, build: () => Promise<CachedBody>): Promise<CachedBody> {
    if (!this.feed.live()) return build();
    const cached = await this.cache.load(`${userId}\n${until}`, async () => ({ userId, body: await build() }), userId);
    return cached!.body;
  }
}
