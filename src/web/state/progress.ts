/**
 * Progress on the roadmaps of this page, as signals: islands and behaviours read them, and every
 * change goes through the functions here, which store it in the browser and queue it for the
 * account when someone is signed in. Counting and merging are the shared rules.
 */
import { computed, signal, type ReadonlySignal, type Signal } from '@preact/signals';
import { countEntries, mergeEntries, statusOf, topicIndex, type Counts, type Status, type TopicEntries } from '../../shared/progress-rules.js';
import { hasSignedInHint, queueChange } from './account.js';
import { addGuestTopic } from './review-cards.js';
import { loadEntries, saveEntries, storageKey } from './progress-storage.js';
import { roadmapData } from './roadmap-data.js';
import { showMessage } from './ui.js';

const docs = new Map<string, Signal<TopicEntries>>();
const NO_TOPICS = topicIndex([], {});

/** A roadmap's entries; read from the browser the first time (the roadmap must be on the page). */
export function progressOf(roadmapId: string): Signal<TopicEntries> {
  let doc = docs.get(roadmapId);
  if (!doc) {
    const roadmap = roadmapData(roadmapId);
    doc = signal(roadmap && typeof localStorage !== 'undefined' ? loadEntries(roadmapId, roadmap.index) : new Map());
    docs.set(roadmapId, doc);
  }
  return doc;
}

const countsCache = new Map<string, ReadonlySignal<Counts>>();

/** "N of M done" and the rest, over the roadmap's current topics (or a section's ids). */
export function countsOf(roadmapId: string, ids?: readonly string[]): ReadonlySignal<Counts> {
  const key = ids ? `${roadmapId}\n${ids.join(',')}` : roadmapId;
  let counts = countsCache.get(key);
  if (!counts) {
    const doc = progressOf(roadmapId);
    counts = computed(() => {
      const roadmap = roadmapData(roadmapId);
      return countEntries(roadmap?.index ?? NO_TOPICS, doc.value, ids);
    });
    countsCache.set(key, counts);
  }
  return counts;
}

export function topicStatus(roadmapId: string, topicId: string): Status {
  return statusOf(progressOf(roadmapId).value, topicId);
}

function store(roadmapId: string, entries: TopicEntries): void {
  progressOf(roadmapId).value = entries;
  if (!saveEntries(roadmapId, entries)) showMessage('Could not save: browser storage is full or blocked.');
}

/** Sets one topic's status (a retired id is mapped by the server; pages only show current ids). */
export function setStatus(roadmapId: string, topicId: string, status: Status): void {
  const at = new Date().toISOString();
  const entries = new Map(progressOf(roadmapId).value);
  entries.set(topicId, { status, updatedAt: at });
  store(roadmapId, entries);
  queueChange({ op: 'put', roadmapId, topicId, status, at });
  // Done puts the topic's questions in the review queue: the server does it for an account.
  if (status === 'done' && !hasSignedInHint()) void addGuestTopic(roadmapId, topicId);
}

/** Sets `status`, or clears it when the topic already has it. */
export function toggleStatus(roadmapId: string, topicId: string, status: Status): void {
  setStatus(roadmapId, topicId, topicStatus(roadmapId, topicId) === status ? 'pending' : status);
}

export function resetProgress(roadmapId: string): void {
  store(roadmapId, new Map());
  queueChange({ op: 'reset', roadmapId, at: new Date().toISOString() });
}

/** Merges entries from a file (newer wins per topic); returns how many topics it brought. */
export function importProgress(roadmapId: string, imported: TopicEntries): number {
  const entries = new Map(progressOf(roadmapId).value);
  mergeEntries(entries, imported);
  store(roadmapId, entries);
  queueChange({ op: 'merge', roadmapId, topics: Object.fromEntries(imported), at: new Date().toISOString() });
  return imported.size;
}

/** Shows what the account holds, once sync has it (already stored by the sync). */
export function adoptProgress(roadmapId: string, entries: TopicEntries): void {
  progressOf(roadmapId).value = entries;
}

/** Another tab changed the progress: show it here too. */
export function followOtherTabs(): void {
  window.addEventListener('storage', (event) => {
    for (const [roadmapId, doc] of docs) {
      const roadmap = roadmapData(roadmapId);
      if (roadmap && event.key === storageKey(roadmapId)) doc.value = loadEntries(roadmapId, roadmap.index);
    }
  });
}
