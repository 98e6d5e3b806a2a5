/**
 * What the study API answers most, kept with its body ready to send: an account's list of notes,
 * one note, a roadmap's resource checks (forgotten whenever the account's study data changes: every
 * write publishes `study` for the user, heard by every instance), and the stateless plans, which
 * depend only on the roadmap version and the settings.
 */
import { LRUCache } from 'lru-cache';
import type { CachedBody } from '../../http/cached-body.js';
import type { ChangeFeed } from '../../infra/change-feed.js';
import { UserCache } from '../../infra/user-cache.js';

const MAX_ENTRIES = 10_000;
/** A bound on staleness should a change ever go unheard. */
const TTL_MS = 10 * 60 * 1000;
/** Plans kept: the presets of the week's start dates, and then some. */
const MAX_PLANS = 2_000;
const MAX_PLAN_BYTES = 64 * 1024 * 1024;

interface CachedAnswer {
  userId: string;
  body: CachedBody;
}

export class StudyCache {
  private readonly answers = new UserCache<CachedAnswer>({ max: MAX_ENTRIES, ttlMs: TTL_MS, ownerOf: (a) => a.userId });

  /** Hits and misses since start. */
  get stats(): { hits: number; misses: number } {
    return this.answers.stats;
  }
  private readonly plans = new LRUCache<string, CachedBody>({
    max: MAX_PLANS,
    maxSize: MAX_PLAN_BYTES,
    sizeCalculation: (body) => body.raw.length + (body.gzip?.length ?? 0) + (body.brotli?.length ?? 0) || 1,
  });

  constructor(private readonly feed: ChangeFeed) {
    feed.subscribe(
      (change) => {
        if (!change || change.topic === 'content' || change.topic === 'roadmap') this.answers.clear();
        else if (change.topic === 'study' || change.topic === 'credentials') this.answers.forgetUser(change.userId);
      },
      { ownChanges: true },
    );
  }

  /** An account's answer under `key` (which names the user, the route and the roadmap version), built once per change. */
  async load(userId: string, key: string, build: () => Promise<CachedBody>): Promise<CachedBody> {
    if (!this.feed.live()) return build();
    const cached = await this.answers.load(`${userId}\n${key}`, async () => ({ userId, body: await build() }), userId);
    return cached!.body;
  }

  /** A plan's answer: a pure function of the roadmap version and the settings. */
  plan(key: string, build: () => CachedBody): CachedBody {
    let body = this.plans.get(key);
    if (!body) {
      body = build();
      this.plans.set(key, body);
    }
    return body;
  }
}
