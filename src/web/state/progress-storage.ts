/**
 * Guest progress in localStorage, one document per roadmap: `{version: 1, topics: {id: {status,
 * updatedAt}}}`. Reading is defensive: corrupt data is set aside under `…:unreadable`, never fatal.
 * The rules applied on reading (retired ids, unknown ids) are the shared ones.
 */
import { entriesOfRecord, type TopicEntries, type TopicIndex } from '../../shared/progress-rules.js';

export const storageKey = (roadmapId: string) => `milepost:progress:${roadmapId}`;

export function loadEntries(roadmapId: string, index: TopicIndex, storage: Storage = localStorage): TopicEntries {
  const key = storageKey(roadmapId);
  let text: string | null;
  try {
    text = storage.getItem(key);
  } catch {
    return new Map();
  }
  if (text === null) return new Map();
  try {
    const data = JSON.parse(text) as { topics?: unknown };
    return entriesOfRecord(data?.topics, index);
  } catch {
    // Keep unreadable data aside rather than overwrite it on the next change.
    try {
      storage.setItem(`${key}:unreadable`, text);
    } catch {
      /* storage full or blocked: nothing more to do */
    }
    return new Map();
  }
}

/** Stores the document; false when the browser refuses (storage full or blocked). */
export function saveEntries(roadmapId: string, entries: TopicEntries, storage: Storage = localStorage): boolean {
  try {
    storage.setItem(storageKey(roadmapId), JSON.stringify({ version: 1, topics: Object.fromEntries(entries) }));
    return true;
  } catch {
    return false;
  }
}
