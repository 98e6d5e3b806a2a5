import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LocalChangeFeed } from '../../infra/change-feed.js';
import { ProgressCache, type CachedProgress } from './progress-cache.js';
import type { ProgressEntry, Status } from './schema.js';

const CURRENT = new Set(['a', 'b', 'c']);
const counted = (id: string) => CURRENT.has(id);

function recount(entries: Map<string, ProgressEntry>) {
  const counts = { done: 0, learning: 0, skipped: 0, total: CURRENT.size };
  for (const [id, entry] of entries) if (counted(id) && entry.status !== 'pending') counts[entry.status] += 1;
  return counts;
}

const write = fc.tuple(
  fc.constantFrom('a', 'b', 'c', 'retired-or-unknown'),
  fc.constantFrom<Status>('done', 'learning', 'skipped', 'pending'),
  fc.integer({ min: 0, max: 20 }).map((minute) => new Date(Date.UTC(2026, 0, 1, 0, minute)).toISOString()),
);

describe('ProgressCache', () => {
  it('keeps counts equal to a recount after any sequence of writes, newer winning per topic', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(write, { maxLength: 40 }), async (writes) => {
        const cache = new ProgressCache(new LocalChangeFeed());
        const progress = await cache.load('u1', 'r', async () => ({ entries: new Map(), counts: recount(new Map()) }));
        const newest = new Map<string, ProgressEntry>();
        for (const [id, status, updatedAt] of writes) {
          cache.committed(progress, [[id, { status, updatedAt }]], counted);
          const stored = newest.get(id);
          if (!stored || stored.updatedAt <= updatedAt) newest.set(id, { status, updatedAt });
        }
        expect(progress.entries).toEqual(newest);
        expect(progress.counts).toEqual(recount(newest));
      }),
      { numRuns: 300 },
    );
  });

  it('applies a write to the cached copy as well as to a copy read while another write committed', async () => {
    const cache = new ProgressCache(new LocalChangeFeed());
    const empty = async () => ({ entries: new Map(), counts: recount(new Map()) });
    const cached = await cache.load('u1', 'r', empty);
    const other: CachedProgress = { userId: 'u1', roadmapId: 'r', ...(await empty()) };
    cache.committed(other, [['a', { status: 'done', updatedAt: '2026-01-01T00:00:00.000Z' }]], counted);
    expect(cached.counts.done).toBe(1);
    expect(other.counts.done).toBe(1);
    expect(await cache.load('u1', 'r', empty)).toBe(cached);
  });

  it('makes the JSON once per change and forgets a user on reset', async () => {
    const cache = new ProgressCache(new LocalChangeFeed());
    let reads = 0;
    const read = async () => (reads++, { entries: new Map(), counts: recount(new Map()) });
    const progress = await cache.load('u1', 'r', read);
    progress.json = { body: '{}', etag: '"x"' };
    cache.committed(progress, [['b', { status: 'learning', updatedAt: '2026-01-01T00:00:00.000Z' }]], counted);
    expect(progress.json).toBeUndefined();
    cache.forget('u1');
    await cache.load('u1', 'r', read);
    expect(reads).toBe(2);
  });
});
