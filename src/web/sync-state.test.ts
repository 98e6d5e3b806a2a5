import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../test/helpers/memory-storage.js';
import { topicIndex } from '../shared/progress-rules.js';
import { saveEntries, storageKey } from './state/progress-storage.js';
import { applyQueued, claim, clearMergeMarks, dequeue, enqueue, forgetAccountData, isMerged, markMerged, readQueue } from './sync-state.js';

const at = (minute: number) => `2026-03-01T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('the sync queue', () => {
  it('keeps one unsent status change per topic, in order, and removes items once sent', () => {
    const storage = memoryStorage();
    enqueue(storage, 'u1', { op: 'put', roadmapId: 'backend', topicId: 'dns', status: 'learning', at: at(1) });
    enqueue(storage, 'u1', { op: 'put', roadmapId: 'backend', topicId: 'http', status: 'done', at: at(2) });
    enqueue(storage, 'u1', { op: 'put', roadmapId: 'backend', topicId: 'dns', status: 'done', at: at(3) });
    const items = readQueue(storage, 'u1');
    expect(items.map((i) => (i.op === 'put' ? `${i.topicId}:${i.status}` : i.op))).toEqual(['http:done', 'dns:done']);
    expect(readQueue(storage, 'u2')).toEqual([]);
    dequeue(storage, 'u1', items[0]?.id ?? '');
    expect(readQueue(storage, 'u1')).toHaveLength(1);
  });

  it('replays queued changes of one roadmap on top of the server document', () => {
    const server = new Map([
      ['dns', { status: 'done' as const, updatedAt: at(0) }],
      ['git', { status: 'done' as const, updatedAt: at(0) }],
    ]);
    const index = topicIndex(['dns', 'git', 'ssh'], {});
    const storage = memoryStorage();
    enqueue(storage, 'u1', { op: 'put', roadmapId: 'backend', topicId: 'dns', status: 'learning', at: at(5) });
    enqueue(storage, 'u1', { op: 'put', roadmapId: 'other', topicId: 'git', status: 'skipped', at: at(5) });
    expect(Object.fromEntries(applyQueued(server, readQueue(storage, 'u1'), 'backend', index))).toEqual({
      dns: { status: 'learning', updatedAt: at(5) },
      git: { status: 'done', updatedAt: at(0) },
    });
    enqueue(storage, 'u1', { op: 'reset', roadmapId: 'backend', at: at(6) });
    enqueue(storage, 'u1', { op: 'put', roadmapId: 'backend', topicId: 'ssh', status: 'done', at: at(7) });
    expect(Object.fromEntries(applyQueued(server, readQueue(storage, 'u1'), 'backend', index))).toEqual({
      ssh: { status: 'done', updatedAt: at(7) },
    });
  });
});

describe('handing the browser back to a guest', () => {
  it('forgets what came from the account but keeps guest progress that was never synced', () => {
    const storage = memoryStorage();
    const entries = new Map([['dns', { status: 'done' as const, updatedAt: at(0) }]]);
    saveEntries('backend', entries, storage);
    saveEntries('frontend', entries, storage);
    claim(storage, 'u1', 'backend');
    markMerged(storage, 'u1', 'backend');
    enqueue(storage, 'u1', { op: 'reset', roadmapId: 'backend', at: at(1) });
    forgetAccountData(storage);
    expect(storage.getItem(storageKey('backend'))).toBeNull();
    expect(storage.getItem(storageKey('frontend'))).not.toBeNull();
    expect(isMerged(storage, 'u1', 'backend')).toBe(false);
    expect(readQueue(storage, 'u1')).toEqual([]);
  });

  it('clears the merge marks of one user only', () => {
    const storage = memoryStorage();
    markMerged(storage, 'u1', 'backend');
    markMerged(storage, 'u2', 'backend');
    clearMergeMarks(storage, 'u1');
    expect(isMerged(storage, 'u1', 'backend')).toBe(false);
    expect(isMerged(storage, 'u2', 'backend')).toBe(true);
  });
});
