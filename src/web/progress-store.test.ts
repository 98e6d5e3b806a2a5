import { describe, expect, it } from 'vitest';
import { countProgress, loadProgress, mergeProgress, normalizeProgress, saveProgress, storageKey } from './progress-store.js';

/** The Web Storage interface over a Map, standing in for the browser's localStorage in Node. */
class MemoryStorage implements Storage {
  private readonly data = new Map<string, string>();
  get length() {
    return this.data.size;
  }
  clear() {
    this.data.clear();
  }
  getItem(key: string) {
    return this.data.get(key) ?? null;
  }
  key(index: number) {
    return [...this.data.keys()][index] ?? null;
  }
  removeItem(key: string) {
    this.data.delete(key);
  }
  setItem(key: string, value: string) {
    this.data.set(key, String(value));
  }
}

const info = { id: 'backend', retired: { 'old-http': 'http', 'older-http': 'http', gone: null } };

describe('normalizeProgress', () => {
  it('moves retired ids to their successor, keeping the newer entry', () => {
    const doc = normalizeProgress(
      {
        topics: {
          'old-http': { status: 'done', updatedAt: '2026-01-02T00:00:00Z' },
          http: { status: 'learning', updatedAt: '2026-01-01T00:00:00Z' },
          'older-http': { status: 'skipped', updatedAt: '2025-01-01T00:00:00Z' },
        },
      },
      info,
    );
    expect(doc.topics).toEqual({ http: { status: 'done', updatedAt: '2026-01-02T00:00:00Z' } });
  });

  it('keeps removed and unknown ids but does not count them', () => {
    const doc = normalizeProgress(
      {
        topics: {
          gone: { status: 'done', updatedAt: '2026-01-01T00:00:00Z' },
          mystery: { status: 'done', updatedAt: '2026-01-01T00:00:00Z' },
          http: { status: 'done', updatedAt: '2026-01-01T00:00:00Z' },
        },
      },
      info,
    );
    expect(Object.keys(doc.topics).sort()).toEqual(['gone', 'http', 'mystery']);
    expect(countProgress(doc, ['http', 'dns'])).toEqual({ done: 1, learning: 0, skipped: 0, complete: 1, total: 2, percent: 50 });
  });

  it('ignores unknown statuses, malformed entries and dangerous keys', () => {
    const raw = JSON.parse(
      '{"topics":{"http":{"status":"finished"},"dns":"done","__proto__":{"status":"done"},"tls":{"status":"skipped","updatedAt":"nonsense"}}}',
    );
    const doc = normalizeProgress(raw, info);
    expect(Object.keys(doc.topics)).toEqual(['tls']);
    expect(doc.topics.tls?.updatedAt).toBe('1970-01-01T00:00:00.000Z');
    expect(({} as Record<string, unknown>).status).toBeUndefined();
    for (const junk of [null, 42, 'x', [], { topics: [] }, { topics: null }]) expect(normalizeProgress(junk, info)).toEqual({ topics: {} });
  });
});

describe('loadProgress and saveProgress', () => {
  it('round-trips a document', () => {
    const storage = new MemoryStorage();
    const doc = { topics: { http: { status: 'done' as const, updatedAt: '2026-03-01T10:00:00.000Z' } } };
    expect(saveProgress(info, doc, storage)).toBe(true);
    expect(loadProgress(info, storage)).toEqual(doc);
  });

  it('sets unreadable data aside instead of failing or losing it', () => {
    const storage = new MemoryStorage();
    storage.setItem(storageKey('backend'), '{not json');
    expect(loadProgress(info, storage)).toEqual({ topics: {} });
    expect(storage.getItem(`${storageKey('backend')}:unreadable`)).toBe('{not json');
  });
});

describe('countProgress and mergeProgress', () => {
  it('counts done and skipped toward completion and learning separately', () => {
    const at = '2026-01-01T00:00:00Z';
    const doc = {
      topics: {
        a: { status: 'done' as const, updatedAt: at },
        b: { status: 'skipped' as const, updatedAt: at },
        c: { status: 'learning' as const, updatedAt: at },
        d: { status: 'pending' as const, updatedAt: at },
      },
    };
    expect(countProgress(doc, ['a', 'b', 'c', 'd'])).toEqual({ done: 1, learning: 1, skipped: 1, complete: 2, total: 4, percent: 50 });
  });

  it('merges per topic with the newer update winning', () => {
    const a = {
      topics: {
        x: { status: 'done' as const, updatedAt: '2026-01-02T00:00:00Z' },
        y: { status: 'learning' as const, updatedAt: '2026-01-01T00:00:00Z' },
      },
    };
    const b = {
      topics: {
        x: { status: 'pending' as const, updatedAt: '2026-01-01T00:00:00Z' },
        y: { status: 'done' as const, updatedAt: '2026-01-03T00:00:00Z' },
      },
    };
    expect(mergeProgress(a, b).topics).toEqual({ x: a.topics.x, y: b.topics.y });
  });
});
