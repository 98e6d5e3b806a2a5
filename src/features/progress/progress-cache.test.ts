import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalChangeFeed } from '../../infra/change-feed.js';
import { countEntries, topicIndex, type ProgressEntry, type Status, type TopicEntries } from '../../shared/progress-rules.js';
import { ProgressCache, progressBody, type CachedProgress } from './progress-cache.js';

const INDEX = topicIndex(['a', 'b', 'c'], { 'old-a': 'a' });
const recount = (entries: TopicEntries) => countEntries(INDEX, entries);
const empty = async () => ({ entries: new Map(), counts: recount(new Map()) });

const write = fc.tuple(
  fc.constantFrom('a', 'b', 'c', 'retired-or-unknown'),
  fc.constantFrom<Status>('done', 'learning', 'skipped', 'pending'),
  fc.integer({ min: 0, max: 20 }).map((minute) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString()),
);

describe('ProgressCache', () => {
  it('keeps the newest entry per topic, a tie going to the later write, and counts that match', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { maxLength: 40 }), async (writes) => {
        const cache = new ProgressCache(new LocalChangeFeed());
        const progress = await cache.load('u1', 'r', 'h1', empty);
        const newest = new Map<string, ProgressEntry>();
        for (const [id, status, updatedAt] of writes) {
          cache.committed(progress, [[id, { status, updatedAt }]], recount);
          const stored = newest.get(id);
          if (!stored || stored.updatedAt <= updatedAt) newest.set(id, { status, updatedAt });
        }
        expect(progress.entries).toEqual(newest);
        expect(progress.counts).toEqual(recount(newest));
      }),
      { numRuns: 300 },
    );
  });

  it('counts 2 of 3 done after marking a done and b skipped, and ignores an unknown id', async () => {
    const cache = new ProgressCache(new LocalChangeFeed());
    const progress = await cache.load('u1', 'r', 'h1', empty);
    cache.committed(
      progress,
      [
        ['a', { status: 'done', updatedAt: '2026-01-01T00:00:00.000Z' }],
        ['b', { status: 'skipped', updatedAt: '2026-01-01T00:00:00.000Z' }],
        ['zzz', { status: 'done', updatedAt: '2026-01-01T00:00:00.000Z' }],
      ],
      recount,
    );
    expect(progress.counts).toEqual({ done: 1, learning: 0, skipped: 1, complete: 2, total: 3, percent: 66 });
  });

  it('applies a write to the cached copy as well as to a copy read while another write committed', async () => {
    const cache = new ProgressCache(new LocalChangeFeed());
    const cached = await cache.load('u1', 'r', 'h1', empty);
    const other: CachedProgress = { userId: 'u1', roadmapId: 'r', hash: 'h1', ...(await empty()) };
    cache.committed(other, [['a', { status: 'done', updatedAt: '2026-01-01T00:00:00.000Z' }]], recount);
    expect(cached.counts.done).toBe(1);
    expect(other.counts.done).toBe(1);
    expect(await cache.load('u1', 'r', 'h1', empty)).toBe(cached);
  });

  it('makes the body once per change, reads again for a new roadmap version, and forgets a user on reset', async () => {
    const cache = new ProgressCache(new LocalChangeFeed());
    let reads = 0;
    const read = async () => (reads++, await empty());
    const progress = await cache.load('u1', 'r', 'h1', read);
    const first = progressBody(progress, (p) => ({ counts: p.counts }));
    expect(progressBody(progress, () => ({ other: true }))).toBe(first);
    cache.committed(progress, [['b', { status: 'learning', updatedAt: '2026-01-01T00:00:00.000Z' }]], recount);
    expect(progress.body).toBeUndefined();
    await cache.load('u1', 'r', 'h2', read);
    expect(reads).toBe(2);
    cache.forget('u1');
    await cache.load('u1', 'r', 'h2', read);
    expect(reads).toBe(3);
  });
});
