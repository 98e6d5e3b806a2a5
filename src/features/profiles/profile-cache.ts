/**
 * Public profiles as last built, by username: anonymous visitors read them, so one popular
 * profile must cost one build, not one per view. An entry is dropped when its owner's progress
 * or account changes (here or, through the change feed, in another instance), when any roadmap
 * changes, when its day is over in the owner's time zone (streaks count days), and after a minute.
 */
import type { ChangeFeed } from '../../infra/change-feed.js';
import { UserCache } from '../../infra/user-cache.js';
import type { PublicProfile } from './schema.js';

export interface CachedProfile {
  userId: string;
  /** The owner's local date the profile was built on. */
  day: string;
  profile: PublicProfile;
}

const MAX_ENTRIES = 2_000;
const TTL_MS = 60_000;

export class ProfileCache {
  private readonly cache = new UserCache<CachedProfile>({ max: MAX_ENTRIES, ttlMs: TTL_MS, ownerOf: (p) => p.userId });

  /** Hits and misses since start. */
  get stats(): { hits: number; misses: number } {
    return this.cache.stats;
  }

  constructor(private readonly feed: ChangeFeed) {
    feed.subscribe(
      (change) => {
        if (!change || change.topic === 'roadmap' || change.topic === 'content') this.cache.clear();
        else if (change.topic !== 'team') this.cache.forgetUser(change.userId);
      },
      { ownChanges: true },
    );
  }

  /** The cached profile of `username` built on `day`, or what `build` makes (undefined: no public profile, not kept). */
  async load(username: string, day: string, userId: string, build: () => Promise<PublicProfile | undefined>): Promise<PublicProfile | undefined> {
    if (!this.feed.live()) return build();
    const hit = this.cache.get(username);
    if (hit && hit.day !== day) this.cache.delete(username);
    const cached = await this.cache.load(
      username,
      async () => {
        const profile = await build();
        return profile ? { userId, day, profile } : undefined;
      },
      userId,
    );
    return cached?.profile;
  }

  /** Drops every profile (the roadmaps changed in this instance). */
  clear(): void {
    this.cache.clear();
  }
}
