import { describe, expect, it } from 'vitest';
import { cacheBody } from '../../http/cached-body.js';
import type { Change, ChangeFeed, ChangeListener } from '../../infra/change-feed.js';
import { TeamProgressCache } from './team-progress-cache.js';

/** A feed this instance alone hears, which can be taken down like a lost Redis connection. */
class TestFeed implements ChangeFeed {
  up = true;
  private readonly listeners: ChangeListener[] = [];
  async publish(change: Change): Promise<void> {
    this.tell(change);
  }
  tell(change: Change | null): void {
    for (const listener of this.listeners) listener(change);
  }
  subscribe(listener: ChangeListener): void {
    this.listeners.push(listener);
  }
  live(): boolean {
    return this.up;
  }
  async whenLive(): Promise<boolean> {
    return this.up;
  }
  async close(): Promise<void> {}
}

const MEMBERS = ['ann', 'bob', 'cy'];
const KEY = MEMBERS.join('\n');

function setUp() {
  const feed = new TestFeed();
  const cache = new TeamProgressCache<{ done: number; read: number }>(feed);
  const reads: string[][] = [];
  let n = 0;
  const read = async (userIds: string[]) => {
    reads.push(userIds);
    n++;
    return new Map(userIds.map((id) => [id, { done: id.length, read: n }]));
  };
  const load = async (members = MEMBERS, key = KEY, signature = 'v1') => {
    const snapshot = cache.snapshot('team', signature, members, key);
    await cache.fill(snapshot, read);
    return snapshot;
  };
  return { feed, cache, reads, read, load };
}

describe('team progress cache', () => {
  it('reads each member once, then again only the member who changed', async () => {
    const { feed, reads, load } = setUp();
    expect([...(await load()).states.keys()]).toEqual(['ann', 'bob', 'cy']);
    await load();
    expect(reads).toEqual([['ann', 'bob', 'cy']]);
    feed.tell({ topic: 'progress', userId: 'bob' });
    const after = await load();
    expect(reads).toEqual([['ann', 'bob', 'cy'], ['bob']]);
    expect(after.states.get('bob')).toEqual({ done: 3, read: 2 });
    expect(after.states.get('ann')).toEqual({ done: 3, read: 1 });
  });

  it('answers with a member read while they changed, but does not keep it', async () => {
    const { feed, cache, reads, read } = setUp();
    const snapshot = cache.snapshot('team', 'v1', MEMBERS, KEY);
    await cache.fill(snapshot, async (ids) => {
      const states = await read(ids);
      // Ann's write commits while the read is under way.
      feed.tell({ topic: 'progress', userId: 'ann' });
      return states;
    });
    expect(snapshot.states.size).toBe(3);
    const next = cache.snapshot('team', 'v1', MEMBERS, KEY);
    expect(next.missing).toEqual(['ann']);
    await cache.fill(next, read);
    expect(reads.at(-1)).toEqual(['ann']);
  });

  it('starts afresh for new assignments or a new day, after content changes, and keeps nothing while the feed is down', async () => {
    const { feed, reads, load } = setUp();
    await load();
    await load(MEMBERS, KEY, 'v2');
    expect(reads).toHaveLength(2);
    feed.tell({ topic: 'content' });
    await load(MEMBERS, KEY, 'v2');
    expect(reads).toHaveLength(3);
    feed.tell(null);
    feed.up = false;
    await load(MEMBERS, KEY, 'v2');
    await load(MEMBERS, KEY, 'v2');
    expect(reads).toHaveLength(5);
    feed.up = true;
    await load(MEMBERS, KEY, 'v2');
    await load(MEMBERS, KEY, 'v2');
    expect(reads).toHaveLength(6);
  });

  it('forgets members who left and reads those who joined', async () => {
    const { reads, load } = setUp();
    await load();
    const joined = await load(['ann', 'dee'], 'ann\ndee');
    expect(reads.at(-1)).toEqual(['dee']);
    expect([...joined.states.keys()]).toEqual(['ann', 'dee']);
    await load();
    expect(reads.at(-1)).toEqual(['bob', 'cy']);
  });

  it('keeps a body until a member changes or the members do', async () => {
    const { feed, cache, load } = setUp();
    let built = 0;
    const body = async (snapshot: Awaited<ReturnType<typeof load>>) =>
      cache.body(snapshot, 'owner', async () => cacheBody(`{"n":${++built}}`, 'application/json'));
    expect((await body(await load())).raw.toString()).toBe('{"n":1}');
    expect((await body(await load())).raw.toString()).toBe('{"n":1}');
    feed.tell({ topic: 'progress', userId: 'cy' });
    expect((await body(await load())).raw.toString()).toBe('{"n":2}');
    // Someone's name or role changed: the same ids under another key.
    expect((await body(await load(MEMBERS, 'ann\nbob\ncy (mentor)'))).raw.toString()).toBe('{"n":3}');
    // A change heard while the body is being made: answered, not kept.
    feed.tell({ topic: 'progress', userId: 'bob' });
    const snapshot = await load(MEMBERS, 'ann\nbob\ncy (mentor)');
    const made = await cache.body(snapshot, 'owner', async () => {
      feed.tell({ topic: 'progress', userId: 'ann' });
      return cacheBody('{"n":"during"}', 'application/json');
    });
    expect(made.raw.toString()).toBe('{"n":"during"}');
    expect((await body(await load(MEMBERS, 'ann\nbob\ncy (mentor)'))).raw.toString()).toBe('{"n":4}');
    // A change of someone in another team leaves this one's body alone.
    feed.tell({ topic: 'progress', userId: 'zed' });
    expect((await body(await load(MEMBERS, 'ann\nbob\ncy (mentor)'))).raw.toString()).toBe('{"n":4}');
  });
});
