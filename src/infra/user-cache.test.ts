import { describe, expect, it } from 'vitest';
import { UserCache } from './user-cache.js';

interface Value {
  owner: string;
  n: number;
}

function cache(options: { max?: number; ttlMs?: number } = {}) {
  return new UserCache<Value>({ max: options.max ?? 100, ttlMs: options.ttlMs ?? 60_000, ownerOf: (v) => v.owner });
}

/** A read that resolves when told to, counting how often it ran. */
function controlledRead(value: Value | undefined) {
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  const read = { calls: 0, release: () => release(), fn: async () => (read.calls++, await gate, value) };
  return read;
}

describe('UserCache', () => {
  it('reads once and then answers from memory', async () => {
    const c = cache();
    let calls = 0;
    const read = async () => (calls++, { owner: 'u1', n: calls });
    expect(await c.load('k', read)).toEqual({ owner: 'u1', n: 1 });
    expect(await c.load('k', read)).toEqual({ owner: 'u1', n: 1 });
    expect(calls).toBe(1);
  });

  it('shares one read among concurrent misses of a key', async () => {
    const c = cache();
    const read = controlledRead({ owner: 'u1', n: 1 });
    const both = Promise.all([c.load('k', read.fn), c.load('k', read.fn)]);
    read.release();
    const [a, b] = await both;
    expect(a).toBe(b);
    expect(read.calls).toBe(1);
  });

  it('keeps nothing for a read that found nothing, or that failed', async () => {
    const c = cache();
    expect(await c.load('k', async () => undefined)).toBeUndefined();
    await expect(c.load('k', async () => Promise.reject(new Error('db down')))).rejects.toThrow('db down');
    expect(await c.load('k', async () => ({ owner: 'u1', n: 2 }))).toEqual({ owner: 'u1', n: 2 });
  });

  it('does not keep a read during which its owner changed', async () => {
    const c = cache();
    const read = controlledRead({ owner: 'u1', n: 1 });
    const loading = c.load('k', read.fn, 'u1');
    c.changed('u1');
    read.release();
    expect(await loading).toEqual({ owner: 'u1', n: 1 });
    expect(c.get('k')).toBeUndefined();
  });

  it('keeps a read during which only another user changed', async () => {
    const c = cache();
    const read = controlledRead({ owner: 'u1', n: 1 });
    const loading = c.load('k', read.fn, 'u1');
    c.changed('u2');
    read.release();
    await loading;
    expect(c.get('k')).toEqual({ owner: 'u1', n: 1 });
  });

  it('voids a read of unknown owner on any change', async () => {
    const c = cache();
    const read = controlledRead({ owner: 'u1', n: 1 });
    const loading = c.load('k', read.fn);
    c.forgetUser('someone-else');
    read.release();
    await loading;
    expect(c.get('k')).toBeUndefined();
  });

  it('forgets every key of one user and only those', async () => {
    const c = cache();
    c.set('a', { owner: 'u1', n: 1 });
    c.set('b', { owner: 'u1', n: 2 });
    c.set('c', { owner: 'u2', n: 3 });
    c.forgetUser('u1');
    expect([c.get('a'), c.get('b'), c.get('c')]).toEqual([undefined, undefined, { owner: 'u2', n: 3 }]);
    // The index follows overwrites and evictions: a key now owned by u2 is not u1's any more.
    c.set('a', { owner: 'u2', n: 4 });
    c.forgetUser('u1');
    expect(c.get('a')).toEqual({ owner: 'u2', n: 4 });
  });

  it('holds at most max entries and drops entries older than the TTL', async () => {
    const bounded = cache({ max: 3 });
    for (let i = 0; i < 10; i++) bounded.set(`k${i}`, { owner: `u${i}`, n: i });
    expect(bounded.size).toBe(3);
    expect(bounded.get('k0')).toBeUndefined();
    expect(bounded.get('k9')).toEqual({ owner: 'u9', n: 9 });

    const brief = cache({ ttlMs: 20 });
    brief.set('k', { owner: 'u1', n: 1 });
    await new Promise((resolve) => setTimeout(resolve, 40));
    expect(brief.get('k')).toBeUndefined();
  });

  it('clears everything, reads under way included', async () => {
    const c = cache();
    c.set('a', { owner: 'u1', n: 1 });
    const read = controlledRead({ owner: 'u2', n: 2 });
    const loading = c.load('b', read.fn, 'u2');
    c.clear();
    read.release();
    await loading;
    expect([c.get('a'), c.get('b'), c.size]).toEqual([undefined, undefined, 0]);
  });
});
