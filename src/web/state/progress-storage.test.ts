import { describe, expect, it } from 'vitest';
import { memoryStorage } from '../../../test/helpers/memory-storage.js';
import { topicIndex } from '../../shared/progress-rules.js';
import { loadEntries, saveEntries, storageKey } from './progress-storage.js';

const index = topicIndex(['http', 'dns'], { 'old-http': 'http' });

describe('guest progress in browser storage', () => {
  it('round-trips entries in the stored format', () => {
    const storage = memoryStorage();
    const entries = new Map([['http', { status: 'done' as const, updatedAt: '2026-03-01T10:00:00.000Z' }]]);
    expect(saveEntries('backend', entries, storage)).toBe(true);
    expect(JSON.parse(storage.getItem(storageKey('backend')) ?? '')).toEqual({ version: 1, topics: { http: entries.get('http') } });
    expect(loadEntries('backend', index, storage)).toEqual(entries);
  });

  it('shows a progress stored under a renamed id under the topic it became', () => {
    const storage = memoryStorage();
    storage.setItem(
      storageKey('backend'),
      JSON.stringify({ version: 1, topics: { 'old-http': { status: 'learning', updatedAt: '2026-03-01T10:00:00.000Z' } } }),
    );
    expect(loadEntries('backend', index, storage).get('http')?.status).toBe('learning');
  });

  it('sets unreadable data aside instead of failing or losing it', () => {
    const storage = memoryStorage();
    storage.setItem(storageKey('backend'), '{not json');
    expect(loadEntries('backend', index, storage).size).toBe(0);
    expect(storage.getItem(`${storageKey('backend')}:unreadable`)).toBe('{not json');
  });
});
