import { describe, expect, it } from 'vitest';
import { countEntries, currentTopicId, entriesOfRecord, isRemovedTopic, mergeEntries, topicIndex } from './progress-rules.js';

// http and dns are current; old-http and older-http were renamed to http; gone was removed.
const index = topicIndex(['http', 'dns'], { 'old-http': 'http', 'older-http': 'http', gone: null });
const at = (day: number) => `2026-01-0${day}T00:00:00.000Z`;

describe('the shared progress rules', () => {
  it('maps a retired id to its successor and tells a removed id from an unknown one', () => {
    expect(['http', 'old-http', 'gone', 'mystery'].map((id) => currentTopicId(index, id))).toEqual(['http', 'http', null, null]);
    expect(isRemovedTopic(index, 'gone')).toBe(true);
    expect(isRemovedTopic(index, 'mystery')).toBe(false);
  });

  it('moves retired ids to their successor, keeping the newer entry', () => {
    const entries = entriesOfRecord(
      {
        'old-http': { status: 'done', updatedAt: at(2) },
        http: { status: 'learning', updatedAt: at(1) },
        'older-http': { status: 'skipped', updatedAt: at(1) },
      },
      index,
    );
    expect(Object.fromEntries(entries)).toEqual({ http: { status: 'done', updatedAt: at(2) } });
  });

  it('keeps removed and unknown ids but never counts them: 1 of 2 done, not 3', () => {
    const entries = entriesOfRecord(
      { gone: { status: 'done', updatedAt: at(1) }, mystery: { status: 'done', updatedAt: at(1) }, http: { status: 'done', updatedAt: at(1) } },
      index,
    );
    expect([...entries.keys()].sort()).toEqual(['gone', 'http', 'mystery']);
    expect(countEntries(index, entries)).toEqual({ done: 1, learning: 0, skipped: 0, complete: 1, total: 2, percent: 50 });
  });

  it('counts done and skipped toward completion and learning apart, rounding the percentage down', () => {
    const four = topicIndex(['a', 'b', 'c', 'd', 'e', 'f'], {});
    const entries = entriesOfRecord(
      {
        a: { status: 'done', updatedAt: at(1) },
        b: { status: 'skipped', updatedAt: at(1) },
        c: { status: 'learning', updatedAt: at(1) },
        d: { status: 'pending', updatedAt: at(1) },
      },
      four,
    );
    expect(countEntries(four, entries)).toEqual({ done: 1, learning: 1, skipped: 1, complete: 2, total: 6, percent: 33 });
    expect(countEntries(four, entries, ['a', 'c'])).toEqual({ done: 1, learning: 1, skipped: 0, complete: 1, total: 2, percent: 50 });
  });

  it('ignores unknown statuses, malformed entries and dangerous keys, and clamps future times when asked', () => {
    const raw = JSON.parse(
      '{"http":{"status":"finished"},"dns":"done","__proto__":{"status":"done"},"tls":{"status":"skipped","updatedAt":"nonsense"}}',
    );
    const entries = entriesOfRecord(raw, index);
    expect([...entries.keys()]).toEqual(['tls']);
    expect(entries.get('tls')?.updatedAt).toBe('1970-01-01T00:00:00.000Z');
    for (const junk of [null, 42, 'x', [], undefined]) expect(entriesOfRecord(junk, index).size).toBe(0);
    const now = new Date('2026-02-01T00:00:00.000Z');
    expect(entriesOfRecord({ dns: { status: 'done', updatedAt: '2999-01-01T00:00:00Z' } }, index, now).get('dns')?.updatedAt).toBe(now.toISOString());
  });

  it('merges per topic with the newer update winning, and says which topics changed', () => {
    const base = entriesOfRecord({ http: { status: 'done', updatedAt: at(2) }, dns: { status: 'learning', updatedAt: at(1) } }, index);
    const incoming = entriesOfRecord({ http: { status: 'pending', updatedAt: at(1) }, dns: { status: 'done', updatedAt: at(3) } }, index);
    expect(mergeEntries(base, incoming)).toEqual(['dns']);
    expect(Object.fromEntries(base)).toEqual({ http: { status: 'done', updatedAt: at(2) }, dns: { status: 'done', updatedAt: at(3) } });
  });
});
